import type { ClockView, JourneyState, NextStep } from '@sj/domain';
import type { JourneyResponse } from '../../journey/journey-response';
import { CLOCK_WORDS, longDate, STATUS_TAGS } from '../words';
import type { EventForm } from './event-forms';
import { ADVICE_TYPE_WORDS, ETHNICITY_WORDS, REFERRAL_SERVICE_WORDS, SEN_NEED_WORDS, SEX_WORDS } from './event-words';
import { inputsOf, requestBodyOf, type FormValues } from './form-values';
import type { KeyOption } from './record-forms.page';
import type { VoidChange } from './record-forms.page';

/**
 * The choices for each question about something already recorded: the ids the next-steps answer allows for
 * this step (docs/domain-rules.md §3), each said in words from the journey.
 */
export function keyOptionsFor(form: EventForm, step: NextStep | undefined, state: JourneyState): Record<string, KeyOption[]> {
  const options: Record<string, KeyOption[]> = {};
  for (const field of form.fields) {
    if (field.ask.kind !== 'key') continue;
    const ids = step?.for?.field === field.ask.key ? step.for.ids : [];
    const noun = field.ask.noun;
    options[field.name] = ids.map((id) => ({ value: id, text: describe(field.ask.kind === 'key' ? field.ask.key : 'school', id, noun, state) }));
  }
  return options;
}

function describe(key: string, id: string, noun: string, state: JourneyState): string {
  const referral = key === 'referralId' ? Object.values(state.referrals).find((r) => r.referralId === id) : undefined;
  if (referral !== undefined) return `${noun} ${id}: ${REFERRAL_SERVICE_WORDS[referral.service]}, received ${longDate(referral.receivedOn)}`;
  const request = key === 'requestId' ? Object.values(state.ehcRequests).find((r) => r.requestId === id) : undefined;
  if (request !== undefined) return `${noun} ${id}, received ${longDate(request.receivedOn)}`;
  if (key === 'adviceId') {
    for (const r of Object.values(state.ehcRequests)) {
      const advice = Object.values(r.advice).find((a) => a.adviceId === id);
      if (advice !== undefined)
        return `${ADVICE_TYPE_WORDS[advice.adviceType]} advice ${id}, requested ${longDate(advice.requestedOn)} (request ${r.requestId})`;
    }
  }
  const suspension = key === 'suspensionId' ? Object.values(state.suspensions).find((s) => s.suspensionId === id) : undefined;
  if (suspension !== undefined)
    return `${noun} ${id}: ${suspension.school}, ${longDate(suspension.occurredOn)}, ${String(suspension.schoolDays)} school days`;
  return key === 'school' ? id : `${noun} ${id}`;
}

/** The request an advice was asked for: AdviceReceived names both, the form asks only which advice. */
function requestOfAdvice(state: JourneyState, adviceId: string | undefined): string | undefined {
  if (adviceId === undefined) return undefined;
  return Object.values(state.ehcRequests).find((r) => Object.values(r.advice).some((a) => a.adviceId === adviceId))?.requestId;
}

/** What the child has recorded now, by the change-of-details form's fields. */
function detailsOf(state: JourneyState): Record<string, unknown> {
  const child = state.child;
  if (child === null) return {};
  return {
    school: child.school ?? undefined,
    area: child.area,
    caseworker: child.caseworker ?? undefined,
    sex: child.sex ?? undefined,
    ethnicity: child.ethnicity ?? undefined,
    postcode: child.postcode ?? undefined,
    senNeeds: child.senNeeds.length > 0 ? [...child.senNeeds] : undefined,
  };
}

/**
 * The API request for a form's answers with what the journey adds: a change of details carries only what
 * differs from the details recorded, and advice received names the request its advice was asked for.
 */
export function requestBodyFor(form: EventForm, values: FormValues, state: JourneyState): ReturnType<typeof requestBodyOf> {
  if (form.type === 'ChildDetailsChanged') return requestBodyOf(form, values, { unchanged: detailsOf(state) });
  if (form.type === 'AdviceReceived') {
    const requestId = requestOfAdvice(state, values.adviceId?.trim());
    return requestBodyOf(form, values, requestId !== undefined ? { derived: { requestId } } : {});
  }
  return requestBodyOf(form, values);
}

/** The child's details now, as the change-of-details form's answers. */
export function currentDetailsValues(form: EventForm, state: JourneyState): FormValues {
  return valuesOfData(form, detailsOf(state));
}

/** An event's data as a form's answers (a date in three boxes, a ranked list over its selects), to show it in words. */
export function valuesOfData(form: EventForm | undefined, data: Readonly<Record<string, unknown>>): FormValues {
  const values: Record<string, string> = {};
  const fields = form === undefined ? [] : [{ name: 'occurredOn', label: '', ask: { kind: 'date' } } as const, ...form.fields];
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined || value === null) continue;
    if (field.ask.kind === 'date' && typeof value === 'string') {
      const [year, month, day] = value.split('-');
      Object.assign(values, {
        [`${field.name}-day`]: String(Number(day)),
        [`${field.name}-month`]: String(Number(month)),
        [`${field.name}-year`]: year,
      });
    } else if (field.ask.kind === 'ranked' && Array.isArray(value)) {
      inputsOf(field).forEach((name, i) => {
        const item: unknown = value[i];
        if (typeof item === 'string') values[name] = item;
      });
    } else if (typeof value === 'boolean') values[field.name] = value ? 'yes' : 'no';
    else if (typeof value === 'string' || typeof value === 'number') values[field.name] = String(value);
  }
  return values;
}

const clockKey = (c: ClockView) => `${c.clock} ${c.key}`;
const clockInWords = (c: ClockView | undefined): string =>
  c === undefined ? 'No clock' : `${STATUS_TAGS[c.status].text}${c.dueOn !== null ? `, due ${longDate(c.dueOn)}` : ''}`;

/**
 * What voiding would change, from the journey worked out with and without the entry: stages, each clock's
 * status and due date, suspensions per school year, and the child's details.
 */
export function voidChanges(before: JourneyResponse, after: JourneyResponse): VoidChange[] {
  const changes: VoidChange[] = [];
  const stages = (j: JourneyResponse) => (j.stages.currentStages.length > 0 ? j.stages.currentStages.join('; ') : 'None');
  if (stages(before) !== stages(after)) changes.push({ what: 'Where the journey stands', now: stages(before), after: stages(after) });
  const clocksBefore = new Map(before.clocks.map((c) => [clockKey(c), c]));
  const clocksAfter = new Map(after.clocks.map((c) => [clockKey(c), c]));
  for (const key of new Set([...clocksBefore.keys(), ...clocksAfter.keys()])) {
    const was = clocksBefore.get(key);
    const will = clocksAfter.get(key);
    const clock = was ?? will;
    if (clock !== undefined && clockInWords(was) !== clockInWords(will))
      changes.push({ what: `${CLOCK_WORDS[clock.clock]} (${clock.key})`, now: clockInWords(was), after: clockInWords(will) });
  }
  const years = new Set([...before.inclusion.bySchoolYear, ...after.inclusion.bySchoolYear].map((y) => y.schoolYear));
  for (const year of years) {
    const count = (j: JourneyResponse) => {
      const y = j.inclusion.bySchoolYear.find((s) => s.schoolYear === year);
      return y === undefined ? 'None' : `${String(y.suspensionCount)} (${String(y.suspensionDays)} school days)`;
    };
    if (count(before) !== count(after))
      changes.push({ what: `Suspensions in school year ${String(year)} to ${String(year + 1)}`, now: count(before), after: count(after) });
  }
  const details = (j: JourneyResponse): [string, string][] => {
    const child = j.child;
    const words = (value: string | null | undefined, table: Readonly<Record<string, string>> = {}) =>
      value === null || value === undefined ? 'Not recorded' : (table[value] ?? value);
    return [
      ['School', words(child?.school)],
      ['Area', words(child?.area)],
      ['Caseworker', words(child?.caseworker)],
      ['Sex', words(child?.sex, SEX_WORDS)],
      ['Ethnicity', words(child?.ethnicity, ETHNICITY_WORDS)],
      ['Postcode', words(child?.postcode)],
      ['Special educational needs', child && child.senNeeds.length > 0 ? child.senNeeds.map((n) => SEN_NEED_WORDS[n]).join('; ') : 'Not recorded'],
    ];
  };
  const detailsAfter = new Map(details(after));
  for (const [label, was] of details(before)) {
    const will = detailsAfter.get(label) ?? 'Not recorded';
    if (was !== will) changes.push({ what: label, now: was, after: will });
  }
  return changes;
}
