import { isValidLocalDate, type DomainError, type JourneyEventType } from '@sj/domain';
import type { FieldProblem } from '../../http/request-validation.error';
import type { EventForm, FormField } from './event-forms';
import { inWords } from './event-words';

/** What a form holds, exactly as typed: one string per input (a date is three). */
export type FormValues = Readonly<Record<string, string | undefined>>;

/** An error as the GOV.UK error summary shows it: the message, and the id of the input it links to. */
export interface FieldError {
  readonly field: string;
  readonly href: string;
  readonly text: string;
}

/** The names of the inputs a field is asked with. */
export function inputsOf(field: FormField): string[] {
  switch (field.ask.kind) {
    case 'date':
      return ['day', 'month', 'year'].map((part) => `${field.name}-${part}`);
    case 'ranked':
      return field.ask.ranks.map((_, i) => `${field.name}-${String(i + 1)}`);
    default:
      return [field.name];
  }
}

/** The id an error about a field links to: the first input of the field, as the GOV.UK components name them. */
export const inputIdOf = (field: FormField): string => inputsOf(field)[0] ?? field.name;

/** The hidden inputs every form carries besides its questions. */
const CARRIED = ['eventId', 'childId'] as const;

/** The question every form asks first: the date it happened (`occurredOn`). */
const dateQuestion = (form: EventForm): FormField => ({
  name: 'occurredOn',
  label: form.when,
  ...(form.whenHint !== undefined ? { hint: form.whenHint } : {}),
  ask: { kind: 'date' },
});

/** Every field of a form, the date it happened first. */
export function questionsOf(form: EventForm): FormField[] {
  return [dateQuestion(form), ...form.fields];
}

/** The form's own inputs from a posted body (anything else is ignored; a repeated input keeps its last value). */
export function valuesFrom(form: EventForm, body: unknown): FormValues {
  const posted = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = [...CARRIED, ...questionsOf(form).flatMap(inputsOf)];
  const values: Record<string, string> = {};
  for (const name of names) {
    const raw = posted[name];
    const value = Array.isArray(raw) ? (raw as unknown[]).at(-1) : raw;
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}

const digits = (s: string) => /^\d{1,4}$/.test(s);

/**
 * A date input's three boxes as the API takes a date (YYYY-MM-DD), undefined when all three are empty. Anything
 * that is not numbers is passed on as typed, so the API's own rule refuses it with its own message.
 */
export function dateOf(values: FormValues, name: string): string | undefined {
  const part = (p: string) => (values[`${name}-${p}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (day === '' && month === '' && year === '') return undefined;
  if ([day, month, year].every(digits)) return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return `${year}-${month}-${day}`;
}

/** One field's answer as the API's request body carries it, or undefined when it was left empty. */
function answerOf(field: FormField, values: FormValues): unknown {
  const { ask } = field;
  if (ask.kind === 'date') return dateOf(values, field.name);
  if (ask.kind === 'ranked') {
    const chosen = inputsOf(field)
      .map((name) => (values[name] ?? '').trim())
      .filter((v) => v !== '');
    return chosen.length > 0 ? chosen : undefined;
  }
  const value = (values[field.name] ?? '').trim();
  if (value === '') return undefined;
  if (ask.kind === 'number') return /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (ask.kind === 'yes-no') return value === 'yes' ? true : value === 'no' ? false : value;
  if (field.name === 'nhsNumber') return value.replace(/\s+/g, '');
  return value;
}

/**
 * The body `POST /children/{childId}/events` would take for this form's answers. `unchanged` leaves out
 * answers equal to what is recorded already (a change of details records only what changed).
 */
export function requestBodyOf(
  form: EventForm,
  values: FormValues,
  options: { unchanged?: Readonly<Record<string, unknown>>; derived?: Readonly<Record<string, unknown>> } = {},
): { type: JourneyEventType; occurredOn: unknown; data: Record<string, unknown>; eventId?: string } {
  const data: Record<string, unknown> = {};
  for (const field of form.fields) {
    const answer = answerOf(field, values);
    if (answer === undefined) continue;
    const before = options.unchanged?.[field.name];
    if (before !== undefined && JSON.stringify(before) === JSON.stringify(answer)) continue;
    data[field.name] = answer;
  }
  Object.assign(data, options.derived ?? {});
  const eventId = values.eventId;
  return { type: form.type, occurredOn: dateOf(values, 'occurredOn'), data, ...(eventId !== undefined && eventId !== '' ? { eventId } : {}) };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const withoutQuestionMark = (s: string) => s.replace(/\?$/, '').replace(/ \(optional\)$/, '');

/** How the error summary asks for a field left empty, in the GOV.UK style ("Enter …", "Select …"). */
function missing(field: FormField): string {
  const label = withoutQuestionMark(field.label);
  switch (field.ask.kind) {
    case 'date':
      return `Enter the ${lowerFirst(label)}`;
    case 'choice':
    case 'key':
    case 'yes-no':
    case 'area':
    case 'ranked':
      return field.label.endsWith('?') ? `Select an answer to “${field.label}”` : `Select the ${lowerFirst(label)}`;
    default:
      return `Enter the ${lowerFirst(label)}`;
  }
}

/**
 * The API's 400 answer, field by field, as errors against this form's inputs. Whether a field is wrong is the
 * API's rule (the same DTO ran); only the words are the form's: an empty field is asked for, a date's rule
 * is said for day, month and year boxes, and any other message keeps the API's words after the field's label.
 */
export function errorsFromProblems(form: EventForm, values: FormValues, problems: readonly FieldProblem[]): FieldError[] {
  const questions = questionsOf(form);
  const errors: FieldError[] = [];
  for (const problem of problems) {
    const whole = problem.field === 'data' ? form.whole : undefined;
    const name = whole?.field ?? problem.field.replace(/^data\./, '');
    const field = questions.find((q) => q.name === name) ?? questions.find((q) => q.name !== 'occurredOn') ?? dateQuestion(form);
    const own = field.name === name;
    const answer = answerOf(field, values);
    let text: string;
    if (whole !== undefined) text = whole.text;
    else if (own && answer === undefined) text = missing(field);
    else if (own && field.ask.kind === 'date') text = dateError(field, answer, problem.message, questions);
    else if (own) text = `${subjectOf(field)} ${problem.message.replace(/^(data\.)?\w+ /, '')}`;
    else text = inWords(problem.message.replace(/data\.(\w+)/g, (_, f: string) => questions.find((q) => q.name === f)?.label.toLowerCase() ?? f));
    if (!errors.some((e) => e.field === field.name)) errors.push({ field: field.name, href: `#${inputIdOf(field)}`, text });
  }
  return errors;
}

/** A field as the subject of the API's "… must be …": its label, or the answer to its question. */
const subjectOf = (field: FormField): string =>
  field.label.endsWith('?') ? `The answer to “${field.label}”` : field.label.replace(/ \(optional\)$/, '');

/** A date's refusal in words for day, month and year boxes (the API's own words speak of YYYY-MM-DD). */
function dateError(field: FormField, answer: unknown, message: string, questions: readonly FormField[]): string {
  const label = withoutQuestionMark(field.label);
  const earlier = questions.find((q) => q !== field && q.ask.kind === 'date' && message.includes(`not before ${q.name}`));
  if (earlier !== undefined && isValidLocalDate(answer)) return `${label} must not be before the ${lowerFirst(withoutQuestionMark(earlier.label))}`;
  if (isValidLocalDate(answer)) return `${label} must be today or in the past`;
  return `${label} must be a real date`;
}

const ID_FIELDS = ['referralId', 'requestId', 'adviceId', 'suspensionId', 'exclusionId', 'appealId', 'placementId', 'mediationId', 'school', 'area'];

/**
 * The domain's refusal (a 422 from the API) as an error against the input it is about: the
 * field the rule names, the date for a rule about dates, else the id the rule names, else the first question.
 */
export function errorFromRefusal(form: EventForm, error: DomainError): FieldError {
  const questions = questionsOf(form);
  const details = error.details ?? {};
  const byName = (name: unknown) => questions.find((q) => q.name === name);
  let field: FormField | undefined;
  const text = inWords(error.message);
  if (typeof details.field === 'string' && byName(details.field) !== undefined) field = byName(details.field);
  else if (error.code.startsWith('OCCURRED_') || error.code === 'BREAKS_LATER_STEP') field = byName('occurredOn');
  else field = ID_FIELDS.map((name) => (details[name] !== undefined ? byName(name) : undefined)).find((f) => f !== undefined);
  const target = field ?? questions.find((q) => q.name !== 'occurredOn') ?? dateQuestion(form);
  return { field: target.name, href: `#${inputIdOf(target)}`, text };
}
