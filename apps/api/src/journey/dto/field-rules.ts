import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { isValidLocalDate } from '@sj/domain';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * One decorator per kind of field, each with one message a caseworker understands.
 * A missing required field fails its rule with the same message. Each also describes its field for
 * OpenAPI, so the published schema is generated from the rules that validate requests.
 */

/** Set (non-enumerable) on an object before validation: "today" from the injected clock. */
export const TODAY = Symbol('today');

export function withToday<T extends object>(target: T, today: string): T {
  Object.defineProperty(target, TODAY, { value: today, enumerable: false });
  return target;
}

function rule(
  name: string,
  description: string,
  test: (value: unknown, args: ValidationArguments | undefined) => boolean,
  optional = false,
  schema: ApiPropertyOptions = { type: String },
): PropertyDecorator {
  return applyDecorators(
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => (optional && value === undefined) || test(value, args),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be ${description}`,
      },
    }),
    ApiProperty({ ...schema, required: !optional, description: `must be ${description}` } as ApiPropertyOptions),
  );
}

const isText = (min: number, max: number) => (v: unknown) => typeof v === 'string' && v.trim().length >= min && v.length <= max;

const text = (minLength: number, maxLength: number): ApiPropertyOptions => ({ type: String, minLength, maxLength });

export const IdField = (opts: { optional?: boolean } = {}) =>
  rule('sjId', 'an id of 1 to 100 characters', isText(1, 100), opts.optional, text(1, 100));
export const NameField = (opts: { optional?: boolean } = {}) =>
  rule('sjName', 'text of 1 to 100 characters', isText(1, 100), opts.optional, text(1, 100));
export const PlaceField = (opts: { optional?: boolean } = {}) =>
  rule('sjPlace', 'a name of 1 to 200 characters', isText(1, 200), opts.optional, text(1, 200));
export const ReasonField = () => rule('sjReason', 'text of 1 to 500 characters', isText(1, 500), false, text(1, 500));

export const OneOf = (values: readonly string[], opts: { optional?: boolean } = {}) =>
  rule('sjOneOf', `one of: ${values.join(', ')}`, (v) => typeof v === 'string' && values.includes(v), opts.optional, {
    type: String,
    enum: [...values],
  });

/** A real calendar date, not after today (today from the injected clock, see `withToday`). */
export const PastOrTodayDate = () =>
  rule(
    'sjPastOrTodayDate',
    'a date in YYYY-MM-DD format, not in the future',
    (v, args) => {
      if (!isValidLocalDate(v)) return false;
      const today = (args?.object as { [TODAY]?: string })[TODAY];
      return today === undefined || v <= today;
    },
    false,
    { type: String, format: 'date' },
  );

export const SchoolDaysField = () =>
  rule(
    'sjSchoolDays',
    'a number of school days from 0.5 to 45, in half days (e.g. 1, 2.5)',
    (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0.5 && v <= 45 && Number.isInteger(v * 2),
    false,
    { type: Number, minimum: 0.5, maximum: 45, multipleOf: 0.5 },
  );

export const BooleanField = (opts: { optional?: boolean } = {}) =>
  rule('sjBoolean', 'true or false', (v) => typeof v === 'boolean', opts.optional, { type: Boolean });

export const NhsNumberField = (isValid: (s: string) => boolean) =>
  rule(
    'sjNhsNumber',
    'a 10-digit NHS number with a valid check digit, digits only (e.g. 9434765919)',
    (v) => typeof v === 'string' && /^\d{10}$/.test(v) && isValid(v),
    true,
    { type: String, pattern: '^\\d{10}$' },
  );

export const UpnField = () =>
  rule(
    'sjUpn',
    'a 13-character unique pupil number: a letter, 11 digits, then a digit or letter',
    (v) => typeof v === 'string' && /^[A-Za-z]\d{11}[0-9A-Za-z]$/.test(v),
    true,
    { type: String, pattern: '^[A-Za-z]\\d{11}[0-9A-Za-z]$' },
  );

export const UuidField = () =>
  rule(
    'sjUuid',
    'a UUID (e.g. 3f2b8c1e-6a4d-4c1b-9e2f-7d5a1b3c4e5f)',
    (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
    true,
    { type: String, format: 'uuid' },
  );

/**
 * A real calendar date, past or future (a placement may be named before it starts). With `notBefore`, the
 * date may not precede the date in that other field of the same data, when that one is a valid date.
 */
export const CalendarDate = (opts: { optional?: boolean; notBefore?: string } = {}) =>
  rule(
    'sjCalendarDate',
    `a date in YYYY-MM-DD format${opts.notBefore !== undefined ? `, not before ${opts.notBefore}` : ''}`,
    (v, args) => {
      if (!isValidLocalDate(v)) return false;
      if (opts.notBefore === undefined) return true;
      const earliest = (args?.object as Record<string, unknown>)[opts.notBefore];
      return !isValidLocalDate(earliest) || v >= earliest;
    },
    opts.optional,
    { type: String, format: 'date' },
  );

/** A code written exactly as its register spells it (a URN, a UKPRN, a DfE ethnicity code). */
export const CodeField = (pattern: RegExp, description: string, opts: { optional?: boolean } = {}) =>
  rule('sjCode', description, (v) => typeof v === 'string' && pattern.test(v), opts.optional, { type: String, pattern: pattern.source });

export const WholeNumberField = (minimum: number, description: string) =>
  rule('sjWholeNumber', description, (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= minimum, false, { type: 'integer', minimum });

/** A ranked list (first = most important) of distinct values from a closed vocabulary. */
export const RankedListOf = (values: readonly string[], what: string, opts: { optional?: boolean } = {}) =>
  rule(
    'sjRankedList',
    `a list of 1 to ${values.length} different ${what}, each one of: ${values.join(', ')}`,
    (v) =>
      Array.isArray(v) &&
      v.length >= 1 &&
      v.length <= values.length &&
      v.every((item) => typeof item === 'string' && values.includes(item)) &&
      new Set(v).size === v.length,
    opts.optional,
    { type: String, isArray: true, enum: [...values], minItems: 1, maxItems: values.length, uniqueItems: true },
  );

/**
 * The one place a postcode is rewritten: capitals, and a single space before the last three characters
 * (the inward code), so "ta1  1aa" and "TA11AA" are both stored as "TA1 1AA" and every later reader (search,
 * the SEN2 return) sees one spelling.
 */
function canonicalPostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** A UK postcode, accepted in any case and spacing and stored in its canonical form (see `canonicalPostcode`). */
export const PostcodeField = (pattern: RegExp, opts: { optional?: boolean } = {}) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalPostcode(value) : value), { toClassOnly: true }),
    rule('sjPostcode', 'a UK postcode (e.g. TA1 1AA)', (v) => typeof v === 'string' && pattern.test(v), opts.optional),
    ApiProperty({
      description:
        'must be a UK postcode (e.g. TA1 1AA); any case and spacing are accepted, and it is stored in capitals with one space before the last three characters',
    }),
  );
