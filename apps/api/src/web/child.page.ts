import { schoolYearOf, termOf, type ClockView, type InclusionConfig, type NextStep } from '@sj/domain';
import type { JourneyEventView, JourneyResponse } from '../journey/journey-response';
import { eventSentence } from './event-sentences';
import { html, type SafeHtml } from './html';
import { renderPage } from './layout';
import type { PagePerson } from './person';
import {
  capitalised,
  CLOCK_WORDS,
  counted,
  EVENT_WORDS,
  longDate,
  longDateTime,
  schoolYearWords,
  STATUS_TAGS,
  valueWords,
  WAITING_FOR,
} from './words';

/** Everything the child's page shows, gathered by the controller. */
export interface ChildPageData {
  readonly journey: JourneyResponse;
  /** What the order rules allow now; empty for a role that records nothing. */
  readonly steps: readonly NextStep[];
  /** Names, dates of birth and numbers: only for the roles that work with the child by name. */
  readonly showPersonal: boolean;
  /** The suspension thresholds in force (docs/domain-rules.md §6). */
  readonly inclusion: InclusionConfig;
  /** People's names by user id; an id without an account reads as itself. */
  readonly names: ReadonlyMap<string, string>;
  /** The "Record the next step" section, when the recording forms provide one; else the steps are listed. */
  readonly recordNextStep?: SafeHtml;
  /** A banner above the heading (the recording forms' "Referral recorded"). */
  readonly notice?: SafeHtml;
  /** What may be done with a history entry (the recording forms' "Void" link). */
  readonly entryAction?: (entry: JourneyEventView) => SafeHtml;
}

const OPEN = new Set(['running', 'due-soon', 'breached']);
const URGENCY: Readonly<Record<string, number>> = { breached: 0, 'due-soon': 1, running: 2 };

const tag = (status: string): SafeHtml => {
  const t = STATUS_TAGS[status] ?? { text: status, colour: 'govuk-tag--grey' };
  return html`<strong class="govuk-tag ${t.colour}">${t.text}</strong>`;
};

const stepWords = (type: string): string => (EVENT_WORDS as Readonly<Record<string, string | undefined>>)[type] ?? type;
const nameOf = (child: NonNullable<JourneyResponse['child']>): string | null =>
  child.erased || child.givenName === null ? null : `${child.givenName} ${child.familyName ?? ''}`.trim();
const personName = (names: ReadonlyMap<string, string>, sub: string): string => names.get(sub) ?? sub;

const summaryRow = (key: string, value: SafeHtml | string) =>
  html`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">${key}</dt>
    <dd class="govuk-summary-list__value">${value}</dd>
  </div>`;

function who(data: ChildPageData): SafeHtml {
  const { journey, showPersonal, names } = data;
  const child = journey.child;
  if (child === null) return html`<p class="govuk-body" id="child-details">Not registered.</p>`;
  const erased = 'Erased';
  const personal = showPersonal
    ? [
        summaryRow('Name', nameOf(child) ?? erased),
        summaryRow('Date of birth', child.dateOfBirth !== null ? longDate(child.dateOfBirth) : erased),
        summaryRow('NHS number', child.nhsNumber ?? (child.erased ? erased : 'Not recorded')),
        summaryRow('Unique pupil number', child.upn ?? (child.erased ? erased : 'Not recorded')),
        summaryRow('Sex', child.sex !== null ? capitalised(child.sex) : 'Not recorded'),
        summaryRow('Ethnicity', child.ethnicity ?? 'Not recorded'),
        summaryRow('Postcode', child.postcode ?? 'Not recorded'),
      ]
    : [];
  return html`<dl class="govuk-summary-list" id="child-details">
    ${personal} ${summaryRow('Area', child.area)} ${summaryRow('School', child.school ?? 'Not recorded')}
    ${summaryRow('Caseworker', child.caseworker !== null ? personName(names, child.caseworker) : 'Not recorded')}
    ${summaryRow('Special educational needs', child.senNeeds.length > 0 ? child.senNeeds.join(', ') : 'Not recorded')}
    ${summaryRow('Registered', longDate(child.registeredOn))} ${summaryRow('Child id', journey.childId)}
  </dl>`;
}

const byUrgency = (a: ClockView, b: ClockView): number =>
  (URGENCY[a.status] ?? 3) - (URGENCY[b.status] ?? 3) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999');

/** "Waiting for a decision whether to assess — due 12 March 2026", with how late it is when it is overdue. */
function waitingSentence(c: ClockView): string {
  const due = c.dueOn === null ? 'no due date' : `due ${longDate(c.dueOn)}`;
  const late = c.status === 'breached' && c.daysOverdue > 0 ? ` (${counted(c.daysOverdue, 'day')} overdue)` : '';
  return `Waiting for ${WAITING_FOR[c.clock]} — ${due}${late}`;
}

/**
 * Where the journey stands, in words: the most urgent thing the child is waiting for (from the open clocks),
 * anything else waiting, and the stages open now (from the domain's own view of the journey).
 */
function standing(journey: JourneyResponse): SafeHtml {
  const closed = journey.stages.caseClosed;
  const open = journey.clocks.filter((c) => OPEN.has(c.status)).sort(byUrgency);
  const first = open.at(0);
  const others = open.slice(1);
  const headline =
    closed !== null
      ? `Case closed on ${longDate(closed.on)}: ${closed.reason}`
      : first !== undefined
        ? waitingSentence(first)
        : 'Nothing is waiting: no clock is running.';
  const stages = closed !== null ? [] : journey.stages.currentStages;
  return html`<div class="govuk-inset-text" id="journey-in-words">
    <p class="govuk-body-l govuk-!-margin-bottom-2" id="journey-headline">
      ${headline}${first !== undefined && closed === null ? html` ${tag(first.status)}` : ''}
    </p>
    ${
      others.length > 0
        ? html`<p class="govuk-body govuk-!-margin-bottom-1">Also:</p>
            <ul class="govuk-list govuk-list--bullet" id="journey-also">
              ${others.map((c) => html`<li>${waitingSentence(c)} ${tag(c.status)}</li>`)}
            </ul>`
        : ''
    }
    ${
      stages.length > 0
        ? html`<p class="govuk-body govuk-!-margin-bottom-1">Open now:</p>
            <ul class="govuk-list govuk-list--bullet govuk-!-margin-bottom-0" id="journey-stages">
              ${stages.map((s) => html`<li>${capitalised(s)}</li>`)}
            </ul>`
        : ''
    }
  </div>`;
}

/** The default next-step section: the steps the order rules allow now, in words. */
function nextSteps(steps: readonly NextStep[]): SafeHtml {
  return html`<h2 class="govuk-heading-m" id="next-step-heading">What can be recorded next</h2>
    ${
      steps.length === 0
        ? html`<p class="govuk-body" id="next-steps-empty">Nothing can be recorded for this child today.</p>`
        : html`<ul class="govuk-list govuk-list--bullet" id="next-steps">
            ${steps.map((s) => html`<li>${stepWords(s.type)}${s.for !== undefined ? ` (for ${s.for.ids.join(', ')})` : ''}</li>`)}
          </ul>`
    }`;
}

function clockEnd(c: ClockView): string {
  if (c.stoppedOn !== null) return `Done on ${longDate(c.stoppedOn)}`;
  if (c.closedOn !== undefined) return `Closed on ${longDate(c.closedOn)}`;
  if (c.exceptedOn !== undefined) return `Exception from ${longDate(c.exceptedOn)}`;
  return 'Still open';
}

function clocks(journey: JourneyResponse): SafeHtml {
  if (journey.clocks.length === 0) return html`<p class="govuk-body" id="clocks-empty">No clock has started.</p>`;
  const sorted = [...journey.clocks].sort((a, b) => Number(!OPEN.has(a.status)) - Number(!OPEN.has(b.status)) || byUrgency(a, b));
  return html`<table class="govuk-table" id="clocks-table">
    <caption class="govuk-table__caption govuk-visually-hidden">
      Every clock of this child, open ones first
    </caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Clock</th>
        <th scope="col" class="govuk-table__header">Started</th>
        <th scope="col" class="govuk-table__header">Due</th>
        <th scope="col" class="govuk-table__header">Status</th>
        <th scope="col" class="govuk-table__header">Ended</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${sorted.map(
        (c) =>
          html`<tr class="govuk-table__row">
            <td class="govuk-table__cell">${CLOCK_WORDS[c.clock]}</td>
            <td class="govuk-table__cell">${longDate(c.startedOn)}</td>
            <td class="govuk-table__cell">${c.dueOn !== null ? longDate(c.dueOn) : 'No due date'}</td>
            <td class="govuk-table__cell">${tag(c.status)}</td>
            <td class="govuk-table__cell">${clockEnd(c)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * Suspensions this school year against the thresholds of docs/domain-rules.md §6: the count against the Area
 * Inclusion Discussion trigger, the school days against the 45-day year limit and the 15-day term limit.
 */
function suspensions(journey: JourneyResponse, rules: InclusionConfig): SafeHtml {
  const year = schoolYearOf(journey.asOf);
  const { term } = termOf(journey.asOf, rules.terms);
  const thisYear = journey.inclusion.bySchoolYear.find((y) => y.schoolYear === year);
  const count = thisYear?.suspensionCount ?? 0;
  const yearDays = thisYear?.suspensionDays ?? 0;
  const thisTerm = thisYear?.terms.find((t) => t.term === term);
  const termDays = thisTerm?.suspensionDays ?? 0;
  const threshold = rules.triggerThreshold;
  const window = rules.triggerWindow === 'school-year' ? '' : ' in 12 months';
  const countSentence =
    count < threshold
      ? `${count} of ${threshold} suspensions this school year`
      : `${counted(count, 'suspension')} this school year (the threshold is ${threshold}${window})`;
  const trigger = thisYear?.trigger ?? null;
  const listed = journey.inclusion.suspensions.filter((s) => s.schoolYear === year);
  const exclusions = journey.inclusion.permanentExclusions;
  return html`<ul class="govuk-list" id="suspension-counts">
      <li id="suspension-count">
        ${countSentence} ${count >= threshold ? html`<strong class="govuk-tag govuk-tag--red">Threshold reached</strong>` : ''}
      </li>
      <li id="suspension-days">
        ${yearDays} of ${rules.yearDaysLimit} school days of suspension this school year
        ${thisYear?.overYearLimit === true ? html`<strong class="govuk-tag govuk-tag--red">Over the limit</strong>` : ''}
      </li>
      <li id="suspension-term-days">
        ${termDays} of ${rules.termDaysLimit} school days this ${term} term
        ${thisTerm?.overTermLimit === true ? html`<strong class="govuk-tag govuk-tag--red">Over the limit</strong>` : ''}
      </li>
      ${trigger !== null ? html`<li id="suspension-trigger">Area Inclusion Discussion called for on ${longDate(trigger.thresholdReachedOn)}</li>` : ''}
      ${journey.inclusion.partTimeTimetableOpen ? html`<li>On a part-time timetable</li>` : ''}
    </ul>
    ${
      listed.length > 0
        ? html`<table class="govuk-table" id="suspensions-table">
            <caption class="govuk-table__caption govuk-table__caption--s">
              Suspensions counted in the school year ${schoolYearWords(year)}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">First day</th>
                <th scope="col" class="govuk-table__header">School</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">School days</th>
                <th scope="col" class="govuk-table__header">Reason</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              ${listed.map(
                (s) =>
                  html`<tr class="govuk-table__row">
                    <td class="govuk-table__cell">${longDate(s.occurredOn)}</td>
                    <td class="govuk-table__cell">${s.school}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">${s.schoolDays}</td>
                    <td class="govuk-table__cell">${capitalised(valueWords(s.reason))}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    ${
      exclusions.length > 0
        ? html`<ul class="govuk-list govuk-list--bullet" id="permanent-exclusions">
            ${exclusions.map((x) => html`<li>Permanently excluded from ${x.school} on ${longDate(x.occurredOn)} (${valueWords(x.reason)})</li>`)}
          </ul>`
        : ''
    }`;
}

function waits(journey: JourneyResponse): SafeHtml {
  if (journey.waitingTimes.length === 0) return html`<p class="govuk-body" id="waits-empty">No referral to a health service has been recorded.</p>`;
  const state = (w: JourneyResponse['waitingTimes'][number]): string => {
    if (w.status === 'seen') return `Seen on ${longDate(w.initialAppointmentOn ?? journey.asOf)}, after ${counted(w.daysWaited, 'day')}`;
    if (w.status === 'closed') return `Closed on ${longDate(w.closedOn ?? journey.asOf)}, after ${counted(w.daysWaited, 'day')}`;
    return `Waiting for ${counted(w.daysWaited, 'day')}`;
  };
  return html`<table class="govuk-table" id="waits-table">
    <caption class="govuk-table__caption govuk-visually-hidden">
      Referrals and how long each waited
    </caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Service</th>
        <th scope="col" class="govuk-table__header">Referred</th>
        <th scope="col" class="govuk-table__header">Wait</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${journey.waitingTimes.map(
        (w) =>
          html`<tr class="govuk-table__row">
            <td class="govuk-table__cell">${capitalised(valueWords(w.service))}</td>
            <td class="govuk-table__cell">${longDate(w.receivedOn)}</td>
            <td class="govuk-table__cell">${state(w)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** What happened to the child, by the date it happened: entries that stand (voided ones and voids left out). */
function timeline(journey: JourneyResponse, names: ReadonlyMap<string, string>): SafeHtml {
  const standing = journey.events
    .filter((e) => !e.voided && e.type !== 'EventVoided')
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.streamRevision - b.streamRevision);
  return html`<ol class="govuk-list app-timeline" id="timeline">
      ${standing.map(
        (e) =>
          html`<li class="app-timeline__item">
            <span class="app-timeline__date">${longDate(e.occurredOn)}</span>
            <span class="app-timeline__what">${eventSentence(e.type, e.data, (sub) => personName(names, sub))}</span>
          </li>`,
      )}
    </ol>
    <p class="govuk-body">
      <a class="govuk-link" href="/dashboard/children/${encodeURIComponent(journey.childId)}">See the clocks and entries drawn on a timeline</a>
    </p>`;
}

/** Every entry as recorded, with who recorded it and when; a voided entry says who voided it and why. */
function history(journey: JourneyResponse, names: ReadonlyMap<string, string>, entryAction?: (entry: JourneyEventView) => SafeHtml): SafeHtml {
  const byId = new Map<string, JourneyEventView>(journey.events.map((e) => [e.eventId, e]));
  const voidNote = (e: JourneyEventView): SafeHtml => {
    if (!e.voided) return html``;
    const marker = e.voidedBy !== undefined ? byId.get(e.voidedBy) : undefined;
    const by = marker !== undefined ? ` by ${personName(names, marker.recordedBy)} on ${longDateTime(marker.recordedAt)}` : '';
    return html` <strong class="govuk-tag govuk-tag--grey">Voided</strong>
      <span class="govuk-body-s app-void-note">Voided${by}: ${e.voidReason ?? 'no reason given'}</span>`;
  };
  return html`<table class="govuk-table" id="history-table">
    <caption class="govuk-table__caption govuk-visually-hidden">
      Every entry recorded for this child, in the order recorded
    </caption>
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Date</th>
        <th scope="col" class="govuk-table__header">What happened</th>
        <th scope="col" class="govuk-table__header">Recorded by</th>
        <th scope="col" class="govuk-table__header">Recorded on</th>
      </tr>
    </thead>
    <tbody class="govuk-table__body">
      ${journey.events.map(
        (e) =>
          html`<tr class="govuk-table__row${e.voided ? ' app-history--voided' : ''}">
            <td class="govuk-table__cell">${longDate(e.occurredOn)}</td>
            <td class="govuk-table__cell">
              ${eventSentence(e.type, e.data, (sub) => personName(names, sub))}${voidNote(e)}${entryAction?.(e) ?? ''}
            </td>
            <td class="govuk-table__cell">${personName(names, e.recordedBy)}</td>
            <td class="govuk-table__cell">${longDateTime(e.recordedAt)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const section = (id: string, heading: string, body: SafeHtml) =>
  html`<section class="app-child-section" aria-labelledby="${id}-heading">
    <h2 class="govuk-heading-m" id="${id}-heading">${heading}</h2>
    ${body}
  </section>`;

/**
 * The child's page a caseworker works from, rendered on the server: where the journey stands in words, what can
 * be recorded next (in a section of its own near the top), who the child is (personal data only for the roles
 * given it), every clock, suspensions against the thresholds, waits, the timeline and the history with who
 * recorded each entry and when.
 */
export function renderChild(person: PagePerson, csrfToken: string, data: ChildPageData): string {
  const { journey } = data;
  const child = journey.child;
  const name = data.showPersonal && child !== null ? nameOf(child) : null;
  const heading = name ?? `Child ${journey.childId}`;
  // the panel reads the journey to discuss it; caseworkers record and managers oversee what can be recorded
  const records = person.roles.some((role) => role !== 'panel');
  const back = person.roles.includes('caseworker') ? { href: '/caseload', text: 'Back to your caseload' } : undefined;
  return renderPage({
    title: heading,
    path: '/caseload',
    person,
    csrfToken,
    main: html`${back !== undefined ? html`<a href="${back.href}" class="govuk-back-link">${back.text}</a>` : ''} ${data.notice ?? ''}
      <span class="govuk-caption-l">As of ${longDate(journey.asOf)}</span>
      <h1 class="govuk-heading-l">
        ${heading}${child?.erased === true ? html` <strong class="govuk-tag govuk-tag--grey">Personal details erased</strong>` : ''}
      </h1>
      ${standing(journey)}
      ${records ? html`<div class="app-child-section app-next-step" id="next-step">${data.recordNextStep ?? nextSteps(data.steps)}</div>` : ''}
      <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      ${section('who', 'Who the child is', who(data))} ${section('clocks', 'Clocks', clocks(journey))}
      ${section('suspensions', 'Suspensions and exclusions', suspensions(journey, data.inclusion))}
      ${section('waits', 'Waits for health services', waits(journey))} ${section('timeline', 'Timeline', timeline(journey, data.names))}
      ${section('history', 'History', history(journey, data.names, data.entryAction))}`,
  });
}
