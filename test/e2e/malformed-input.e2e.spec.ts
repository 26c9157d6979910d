import fc from 'fast-check';
import { ADVICE_TYPES, DECISIONS_TO_ASSESS, EXCLUSION_REASONS, JOURNEY_EVENT_TYPES, PRE_ASSESSMENT_INFORMATION_SOURCES } from '@sj/domain';
import { authAs } from '../support/auth';
import { recordEvent, request, type HttpResult } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { recordTwoAreas } from '../support/two-areas';

/*
 * Whatever a client sends, a malformed request is refused with a 4xx in the API's one error shape
 * { statusCode, error, message, details? } and writes nothing. Hand-picked cases first (each one a 500 or a
 * silent write before), then generated ones: fast-check with a fixed seed, so every CI run sends the same requests.
 */

const TODAY = '2025-06-30';
const SEED = 20250630;
/** Registered, with a referral r-1, an EHC needs assessment request q-1 and a suspension s-1: most sample events would be accepted. */
const CHILD = 'child-fuzzed';
/** Never recorded: a malformed ChildRegistered must not create its stream. */
const NEVER = 'child-never-recorded';
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

interface Problem {
  readonly field: string;
  readonly message: string;
}
interface ErrorAnswer {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly details?: unknown;
}
const problemsOf = (res: HttpResult<ErrorAnswer>): readonly Problem[] => (Array.isArray(res.body.details) ? (res.body.details as Problem[]) : []);
const fieldsOf = (res: HttpResult<ErrorAnswer>): string[] => problemsOf(res).map((p) => p.field);

function expectStandardError(res: HttpResult<ErrorAnswer>, statuses: readonly number[]): void {
  expect(statuses).toContain(res.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const { statusCode, error, message, details, ...unexpected } = res.body;
  expect({ statusCode, error, unexpected }).toEqual({ statusCode: res.status, error: REASONS[res.status], unexpected: {} });
  expect(message).toMatch(/\S/);
  if (res.status === 400 && details !== undefined) {
    expect(Array.isArray(details)).toBe(true);
    for (const problem of problemsOf(res)) expect([typeof problem.field, /\S/.test(problem.message)]).toEqual(['string', true]);
  }
}

/** Sends a body exactly as given (raw text), to the events of a child. */
function post(app: TestApp, childId: string, raw: string, contentType = 'application/json'): Promise<HttpResult<ErrorAnswer>> {
  return request<ErrorAnswer>(app.baseUrl, 'POST', `/children/${encodeURIComponent(childId)}/events`, {
    raw,
    headers: { 'content-type': contentType },
  });
}

/** An own, enumerable property, even for `__proto__` (an object literal would set the prototype instead). */
function withKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

async function eventIdsOf(app: TestApp, childId: string): Promise<string[] | 'no stream'> {
  const res = await request<{ events: readonly { eventId: string }[] }>(app.baseUrl, 'GET', `/children/${childId}/journey`);
  if (res.status === 404) return 'no stream';
  expect(res.status).toBe(200);
  return res.body.events.map((e) => e.eventId);
}

// ---- the valid events the generators start from -------------------------------------------------------------

type Kind = 'id' | 'name' | 'place' | 'reason' | 'date' | 'schoolDays' | 'boolean' | { readonly oneOf: readonly string[] };
interface Field {
  readonly name: string;
  readonly kind: Kind;
  readonly optional?: boolean;
}
interface Sample {
  readonly type: string;
  readonly data: () => Record<string, unknown>;
  readonly fields: readonly Field[];
}

const SAMPLES: readonly Sample[] = [
  {
    type: 'ChildRegistered',
    data: () => ({
      givenName: 'Robin',
      familyName: 'Example',
      dateOfBirth: '2015-03-02',
      area: 'north',
      nhsNumber: '9434765919',
      upn: 'A123456789012',
      school: 'Oakfield Primary',
      caseworker: 'cw-north',
    }),
    fields: [
      { name: 'givenName', kind: 'name' },
      { name: 'familyName', kind: 'name' },
      { name: 'dateOfBirth', kind: 'date' },
      { name: 'area', kind: 'place' },
      { name: 'school', kind: 'place', optional: true },
      { name: 'caseworker', kind: 'id', optional: true },
    ],
  },
  // its one field removed leaves no change at all, which is refused too
  { type: 'ChildDetailsChanged', data: () => ({ school: 'Riverside Academy' }), fields: [{ name: 'school', kind: 'place' }] },
  { type: 'PreAssessmentStarted', data: () => ({ referralId: 'r-1' }), fields: [{ name: 'referralId', kind: 'id' }] },
  {
    type: 'PreAssessmentInformationReceived',
    data: () => ({ referralId: 'r-1', from: 'school' }),
    fields: [
      { name: 'referralId', kind: 'id' },
      { name: 'from', kind: { oneOf: PRE_ASSESSMENT_INFORMATION_SOURCES } },
    ],
  },
  {
    type: 'DecisionToAssessMade',
    data: () => ({ requestId: 'q-1', decision: 'assess' }),
    fields: [
      { name: 'requestId', kind: 'id' },
      { name: 'decision', kind: { oneOf: DECISIONS_TO_ASSESS } },
    ],
  },
  {
    type: 'AdviceRequested',
    data: () => ({ requestId: 'q-1', adviceId: 'a-1', adviceType: 'health' }),
    fields: [
      { name: 'requestId', kind: 'id' },
      { name: 'adviceId', kind: 'id' },
      { name: 'adviceType', kind: { oneOf: ADVICE_TYPES } },
    ],
  },
  {
    type: 'SuspensionRecorded',
    data: () => ({ suspensionId: 's-2', school: 'Oakfield Primary', schoolDays: 2.5, reason: 'bullying' }),
    fields: [
      { name: 'suspensionId', kind: 'id' },
      { name: 'school', kind: 'place' },
      { name: 'schoolDays', kind: 'schoolDays' },
      { name: 'reason', kind: { oneOf: EXCLUSION_REASONS } },
    ],
  },
  { type: 'SuspensionRescinded', data: () => ({ suspensionId: 's-1' }), fields: [{ name: 'suspensionId', kind: 'id' }] },
  {
    type: 'AmendedPlanIssued',
    data: () => ({ placement: 'Riverside Academy', phaseTransfer: true }),
    fields: [
      { name: 'placement', kind: 'place' },
      { name: 'phaseTransfer', kind: 'boolean', optional: true },
    ],
  },
  { type: 'PartTimeTimetableStarted', data: () => ({ school: 'Oakfield Primary' }), fields: [{ name: 'school', kind: 'place' }] },
  { type: 'CaseClosed', data: () => ({ reason: 'Moved out of the area' }), fields: [{ name: 'reason', kind: 'reason' }] },
];

const ENVELOPE_KINDS = [
  ['type', 'type'],
  ['occurredOn', 'date'],
  ['eventId', 'eventId'],
  ['data', 'data'],
] as const;
const ENVELOPE_FIELDS: readonly string[] = ENVELOPE_KINDS.map(([field]) => field);

type Body = Record<string, unknown>;

const sampleBody = (sample: Sample, eventId: string | undefined): Body => ({
  type: sample.type,
  occurredOn: '2025-01-06',
  data: sample.data(),
  ...(eventId !== undefined ? { eventId } : {}),
});

// ---- values that are never valid for a kind of field ---------------------------------------------------------

/** Emoji, right-to-left text, zero-width and combining characters, NUL, lone surrogates and random UTF-16. */
const awkwardText = fc.oneof(
  fc.constantFrom(
    '😀',
    '👩‍👩‍👧',
    '\u202Eevil\u202C',
    'مرحبا',
    'שלום',
    '\u200B',
    'e\u0301',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    'x\uDC00y',
    '\uFEFF',
    '\u001B[31m',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
/** Text a valid field never holds: control characters and broken unicode. */
const brokenText = fc
  .tuple(
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
    fc.constantFrom('\u0000', '\u0007', '\u001B', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const tooLongText = fc.tuple(fc.integer({ min: 501, max: 6000 }), fc.constantFrom('x', 'é', '😀', 'ש')).map(([n, c]) => c.repeat(n));
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const blankText = fc.constantFrom('', ' ', '   ', '\t', '\n', '\u00A0', '\u3000');

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const impossibleDate = fc
  .tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
  .filter(([y, m, d]) => !isRealDate(y, m, d))
  .map(([y, m, d]) => `${String(y)}-${pad(m)}-${pad(d)}`);
const futureDate = fc
  .integer({ min: 1, max: 20_000 })
  .map((days) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));
const badDate = fc.oneof(
  fc.constantFrom(
    '2025-02-30',
    '2023-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '06/01/2025',
    '2025-1-6',
    '20250106',
    '2025-01-06T00:00:00Z',
    '٢٠٢٥-٠١-٠٦',
    ' 2025-01-06',
  ),
  impossibleDate,
  futureDate,
  awkwardText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  notAString,
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const badEventId = fc.oneof(
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => u.slice(1)),
  fc.uuid().map((u) => `${u.slice(0, 35)}g`),
  awkwardText.filter((s) => !UUID.test(s)),
  notAString,
);
const notOneOf = (accepted: readonly string[]) =>
  fc
    .oneof(
      fc.constantFrom(
        ...PROTOTYPE_KEYS,
        ...accepted.map((v) => v.toUpperCase()),
        ...accepted.map((v) => ` ${v}`),
        ...accepted.map((v) => `${v}\u0000`),
      ),
      awkwardText,
      tooLongText,
      notAString,
    )
    .filter((v) => typeof v !== 'string' || !accepted.includes(v));
const badSchoolDays = fc.oneof(
  fc.constantFrom('2', '2.5', '1e1', 0, 0.25, -1, 45.5, 46, 1.3, 1e308, Number.MAX_SAFE_INTEGER, true, null, [2], { days: 2 }),
  fc.double({ min: 0.5, max: 45, noNaN: true }).filter((n) => !Number.isInteger(n * 2)),
  fc.integer({ min: 46 }),
  awkwardText,
);
const badBoolean = fc.constantFrom('true', 'false', 1, 0, null, 'yes', [], {});

function badValueFor(kind: Kind | 'type' | 'eventId' | 'data'): fc.Arbitrary<unknown> {
  if (kind === 'type') return notOneOf(JOURNEY_EVENT_TYPES);
  if (kind === 'eventId') return badEventId;
  if (kind === 'data')
    return fc.oneof(fc.constantFrom(null, 'data', 42, true, [], ['reason']), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  if (kind === 'date') return badDate;
  if (kind === 'schoolDays') return badSchoolDays;
  if (kind === 'boolean') return badBoolean;
  if (typeof kind === 'object') return notOneOf(kind.oneOf);
  return fc.oneof(notAString, blankText, tooLongText, brokenText);
}

// ---- malformed requests ------------------------------------------------------------------------------------

interface Malformed {
  readonly shape: string;
  readonly childId: string;
  readonly contentType: string;
  readonly raw: string;
}

const target = fc.constantFrom(CHILD, NEVER);
const sampleAndId = fc.tuple(fc.constantFrom(...SAMPLES), fc.option(fc.uuid({ version: 4 }), { nil: undefined }));

/** One defect in a JSON body; each leaves the body invalid whatever else is wrong with it. */
type Defect = readonly [shape: string, apply: (body: Body) => void];
const dataOf = (body: Body): Body | undefined => {
  const data = body.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Body) : undefined;
};

function defectsOf(sample: Sample): fc.Arbitrary<Defect> {
  const wrongEnvelopeField = fc
    .constantFrom(...ENVELOPE_KINDS)
    .chain(([field, kind]) => badValueFor(kind).map((value): Defect => [`wrong ${field}`, (body) => withKey(body, field, value)]));
  const wrongDataField = fc.constantFrom(...sample.fields).chain((field) =>
    badValueFor(field.kind).map((value): Defect => [
      'wrong data field',
      (body) => {
        const data = dataOf(body);
        if (data) withKey(data, field.name, value);
      },
    ]),
  );
  const required = ['type', 'occurredOn', 'data', ...sample.fields.filter((f) => !f.optional).map((f) => `data.${f.name}`)];
  const missingField = fc.constantFrom(...required).map((path): Defect => [
    'missing field',
    (body) => {
      const data = dataOf(body);
      if (!path.startsWith('data.')) Reflect.deleteProperty(body, path);
      else if (data) Reflect.deleteProperty(data, path.slice('data.'.length));
    },
  ]);
  const accepted = new Set([...ENVELOPE_FIELDS, ...sample.fields.map((f) => f.name), 'nhsNumber', 'upn']);
  const extraField = fc
    .tuple(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 20 }),
        awkwardText,
        fc.constantFrom('note', 'recordedBy', 'streamRevision', 'id', 'Type', 'DATA'),
      ),
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
    )
    .filter(([key]) => !accepted.has(key))
    .map(([key, value, inData]): Defect => ['extra field', (body) => withKey((inData ? dataOf(body) : undefined) ?? body, key, value)]);
  /** `__proto__`, `constructor`, `prototype`, `toString`, ... as a key: at the top, in data, in place of a field, or deeper. */
  const prototypeKey = fc
    .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom(...sample.fields))
    .map(([key, value, depth, field]): Defect => [
      'prototype key',
      (body) => {
        const data = dataOf(body);
        if (depth === 0 || !data) return void withKey(body, key, value);
        if (depth === 1) return void withKey(data, key, value);
        let holder: Body = withKey({}, key, value);
        for (let level = 2; level < depth; level++) holder = { inner: holder };
        withKey(data, field.name, holder);
      },
    ]);
  const arrayInsteadOfObject = fc.constant<Defect>([
    'array instead of object',
    (body) => {
      body.data = [body.data];
    },
  ]);
  return fc.oneof(wrongEnvelopeField, wrongDataField, missingField, extraField, prototypeKey, arrayInsteadOfObject);
}

const jsonWithDefects: fc.Arbitrary<Malformed> = sampleAndId.chain(([sample, eventId]) =>
  fc.tuple(target, fc.array(defectsOf(sample), { minLength: 1, maxLength: 3 })).map(([childId, defects]) => {
    const body = sampleBody(sample, eventId);
    for (const [, apply] of defects) apply(body);
    return { shape: defects[0][0], childId, contentType: 'application/json', raw: JSON.stringify(body) };
  }),
);

const notAnObject: fc.Arbitrary<Malformed> = fc
  .tuple(target, sampleAndId, fc.constantFrom('null', 'array', 'string', 'number', 'true', 'empty', 'whitespace'))
  .map(([childId, [sample, eventId], kind]) => {
    const body = sampleBody(sample, eventId);
    const raw = {
      null: 'null',
      array: JSON.stringify([body]),
      string: JSON.stringify(JSON.stringify(body)),
      number: '42',
      true: 'true',
      empty: '',
      whitespace: ' \n\t ',
    }[kind];
    return { shape: 'body not an object', childId, contentType: 'application/json', raw };
  });

/** Nesting deeper than any event needs (class-transformer recursed until the stack ran out). */
const deepNesting: fc.Arbitrary<Malformed> = fc
  .tuple(target, sampleAndId, fc.integer({ min: 6, max: 20_000 }), fc.constantFrom('array', 'object'), fc.constantFrom('data', 'field', 'extra'))
  .map(([childId, [sample, eventId], depth, kind, where]) => {
    const body = sampleBody(sample, eventId);
    const nested = kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const hole = '@@nested@@';
    if (where === 'data') body.data = hole;
    else if (where === 'field') (body.data as Body)[sample.fields[0].name] = hole;
    else body.extra = hole;
    return { shape: 'deep nesting', childId, contentType: 'application/json', raw: JSON.stringify(body).replace(`"${hole}"`, nested) };
  });

const hugeBody: fc.Arbitrary<Malformed> = fc.tuple(target, fc.integer({ min: 100_001, max: 400_000 })).map(([childId, n]) => ({
  shape: 'huge body',
  childId,
  contentType: 'application/json',
  raw: JSON.stringify({ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'x'.repeat(n) } }),
}));

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const brokenJson: fc.Arbitrary<Malformed> = fc
  .tuple(
    target,
    sampleAndId,
    fc.oneof(
      fc.nat().map((n) => (text: string) => text.slice(0, 1 + (n % (text.length - 1)))),
      fc
        .tuple(fc.nat(), fc.constantFrom(',', '{', '}', '[', ']', ':', '"', "'", '\\', 'NaN', 'undefined', '//', '/*', '\u0000'))
        .map(([n, junk]) => (text: string) => {
          const at = n % text.length;
          return `${text.slice(0, at)}${junk}${text.slice(at)}`;
        }),
      fc.constantFrom(
        (text: string) => text.replace(/"/g, "'"),
        (text: string) => text.replace(/}$/, ',}'),
        (text: string) => text.replace(/"(\w+)":/g, '$1:'),
        (text: string) => `${text}${text}`,
        (text: string) => `${text} trailing`,
        (text: string) => text.replace(/"occurredOn":"[^"]*"/, '"occurredOn":2025-01-06'),
      ),
    ),
  )
  .map(([childId, [sample, eventId], breakIt]) => ({
    shape: 'broken JSON',
    childId,
    contentType: 'application/json',
    raw: breakIt(JSON.stringify(sampleBody(sample, eventId))),
  }))
  .filter((m) => !parses(m.raw));

const formEncode = (body: Body): string =>
  Object.entries(body)
    .flatMap(([key, value]) =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).map(([k, v]) => `${encodeURIComponent(`${key}[${k}]`)}=${encodeURIComponent(String(v))}`)
        : [`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`],
    )
    .join('&');
/** A well-formed event, sent as something other than JSON. */
const wrongContentType: fc.Arbitrary<Malformed> = fc
  .tuple(
    target,
    sampleAndId,
    fc.constantFrom(
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/javascript',
      'application/octet-stream',
    ),
  )
  .map(([childId, [sample, eventId], contentType]) => {
    const body = sampleBody(sample, eventId);
    return {
      shape: 'wrong content type',
      childId,
      contentType,
      raw: contentType === 'application/x-www-form-urlencoded' ? formEncode(body) : JSON.stringify(body),
    };
  });

const badChildId: fc.Arbitrary<Malformed> = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 70 }),
      fc.constantFrom('x'.repeat(65), 'a b', 'a.b', 'child/1', 'ünïcode', '😀', 'child\u0000'),
    ),
    sampleAndId,
  )
  .filter(([childId]) => !/^[A-Za-z0-9_-]{1,64}$/.test(childId) && !/^\.+$/.test(childId))
  .map(([childId, [sample, eventId]]) => ({
    shape: 'malformed childId',
    childId,
    contentType: 'application/json',
    raw: JSON.stringify(sampleBody(sample, eventId)),
  }));

const malformedRequest: fc.Arbitrary<Malformed> = fc.oneof(
  { arbitrary: jsonWithDefects, weight: 12 },
  { arbitrary: notAnObject, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: brokenJson, weight: 2 },
  { arbitrary: wrongContentType, weight: 2 },
  { arbitrary: badChildId, weight: 1 },
  { arbitrary: hugeBody, weight: 1 },
);
const SHAPES = [
  'wrong type',
  'wrong occurredOn',
  'wrong eventId',
  'wrong data',
  'wrong data field',
  'missing field',
  'extra field',
  'prototype key',
  'array instead of object',
  'body not an object',
  'deep nesting',
  'broken JSON',
  'wrong content type',
  'malformed childId',
  'huge body',
];

// ---- query strings ------------------------------------------------------------------------------------------

const QUERY_KEYS = [
  'area',
  'school',
  'caseworker',
  'asOf',
  'format',
  'page',
  'pageSize',
  'status',
  'clock',
  'service',
  'schoolYear',
  'triggered',
  'recipient',
];
/** Lone surrogates cannot be percent-encoded as UTF-8: those go as the (invalid) bytes of the surrogate itself. */
const percentEncode = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text, (c) => (/^[\uD800-\uDFFF]$/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
};
const queryKey = fc.oneof(
  { arbitrary: fc.constantFrom(...QUERY_KEYS), weight: 6 },
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...QUERY_KEYS, ...PROTOTYPE_KEYS), fc.constantFrom('[]', '[0]', '[__proto__]', '[constructor]', '[a][b]', '.x'))
      .map(([k, s]) => `${k}${s}`),
    weight: 2,
  },
  { arbitrary: awkwardText, weight: 1 },
);
const queryValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'north',
      'south',
      '2025-06-30',
      '2025-02-30',
      '2025-13-01',
      '9999-12-31',
      '0000-01-01',
      '1',
      '0',
      '-1',
      '1e3',
      '501',
      '999999999999',
      'csv',
      'json',
      'breached,due-soon',
      'breached,,',
      'panel:north',
      'managers:north',
      'caseworker:constructor',
      'panel:__proto__',
      'managers:toString',
      'true',
      '2024',
      '',
    ),
    weight: 6,
  },
  { arbitrary: awkwardText, weight: 3 },
  { arbitrary: tooLongText.map((s) => s.slice(0, 600)), weight: 1 },
);
const rawJunk = fc.constantFrom('%', '%zz', '%E0%A4', '%ED%A0%80', '%00', '%FF%FE', '+', '&&', '==', ';', '#');
const queryString = fc
  .array(
    fc.oneof(
      { arbitrary: fc.tuple(queryKey, queryValue).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`), weight: 8 },
      { arbitrary: fc.tuple(queryKey, rawJunk).map(([k, junk]) => `${percentEncode(k)}=${junk}`), weight: 1 },
      { arbitrary: queryKey.map((k) => percentEncode(k)), weight: 1 },
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.join('&'))
  // Node refuses a request line over 16 kB itself (431, before the app sees it)
  .filter((query) => query.length < 12_000);

describe('malformed input: always a 4xx in the standard error shape, and nothing written', () => {
  let app: TestApp;
  let eventsBefore: string[];

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY, withWorker: true, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    await recordTwoAreas(app);
    const setUp = [
      {
        type: 'ChildRegistered',
        occurredOn: '2024-09-02',
        data: { givenName: 'Sam', familyName: 'Fuzzed', dateOfBirth: '2014-05-12', area: 'north', school: 'Oakfield Primary' },
      },
      { type: 'ReferralReceived', occurredOn: '2024-09-10', data: { referralId: 'r-1', service: 'autism-assessment', source: 'gp' } },
      { type: 'EhcNeedsAssessmentRequested', occurredOn: '2024-09-12', data: { requestId: 'q-1', requestedBy: 'parent' } },
      {
        type: 'SuspensionRecorded',
        occurredOn: '2024-10-01',
        data: { suspensionId: 's-1', school: 'Oakfield Primary', schoolDays: 1, reason: 'bullying' },
      },
    ];
    for (const event of setUp) expect((await recordEvent(app.baseUrl, CHILD, event)).status).toBe(201);
    eventsBefore = (await eventIdsOf(app, CHILD)) as string[];
    expect(eventsBefore).toHaveLength(4);
  }, 60_000);
  afterAll(async () => {
    await app.close();
  });

  describe('requests that used to answer 500 or write anyway', () => {
    it.each(PROTOTYPE_KEYS)('refuses data holding a "%s" key, naming it', async (key) => {
      for (const value of [{}, 1, 'x', [], null, { a: 1 }]) {
        const data = withKey({ referralId: 'r-1' }, key, value);
        const res = await post(app, CHILD, JSON.stringify({ type: 'PreAssessmentStarted', occurredOn: '2025-01-06', data }));
        expectStandardError(res, [400]);
        expect(fieldsOf(res)).toEqual([`data.${key}`]);
        expect(res.body.message).toContain(`data.${key}`);
      }
    });

    it.each(PROTOTYPE_KEYS)('refuses a "%s" key beside type, occurredOn and data, and deeper inside a field', async (key) => {
      const top = withKey({ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'Moved away' } }, key, { polluted: true });
      const beside = await post(app, CHILD, JSON.stringify(top));
      expectStandardError(beside, [400]);
      expect(fieldsOf(beside)).toEqual([key]);
      const deep = { type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: { inner: withKey({}, key, { polluted: true }) } } };
      const res = await post(app, CHILD, JSON.stringify(deep));
      expectStandardError(res, [400]);
      expect(fieldsOf(res)).toContain(`data.reason.inner.${key}`);
    });

    it('refuses a query string naming a prototype key, on every route that takes one', async () => {
      for (const path of ['/clocks', '/waiting-times', '/suspensions', '/reports/timeliness', '/audit', '/alerts?recipient=panel:north']) {
        for (const key of PROTOTYPE_KEYS) {
          const res = await request<ErrorAnswer>(app.baseUrl, 'GET', `${path}${path.includes('?') ? '&' : '?'}${key}=1`);
          expectStandardError(res, [400]);
          expect(fieldsOf(res)).toContain(key);
        }
      }
    });

    it('refuses a body nested far deeper than any event (it ran the validator out of stack)', async () => {
      for (const nested of [`${'['.repeat(30_000)}${']'.repeat(30_000)}`, `${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}`]) {
        const res = await post(app, CHILD, `{"type":"CaseClosed","occurredOn":"2025-01-06","data":{"reason":${nested}}}`);
        expectStandardError(res, [400]);
        expect(res.body.message).toMatch(/nest/);
      }
    });

    it('refuses text holding NUL, another control character or half a unicode character', async () => {
      for (const reason of ['Moved\u0000away', 'Moved \u001B[31maway', 'Moved away \uD83D', '\uDE00 moved']) {
        const res = await post(app, CHILD, JSON.stringify({ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason } }));
        expectStandardError(res, [400]);
        expect(fieldsOf(res)).toEqual(['data.reason']);
        expect(res.body.message).toMatch(/^data\.reason contains a character that cannot be recorded/);
      }
    });

    it('refuses a well-formed event sent as a form, or as any type but application/json, with 415', async () => {
      const form = 'type=CaseClosed&occurredOn=2025-01-06&data%5Breason%5D=Moved+away';
      const json = JSON.stringify({ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'Moved away' } });
      for (const [raw, contentType] of [
        [form, 'application/x-www-form-urlencoded'],
        [json, 'text/plain'],
        [json, 'application/xml'],
      ] as const) {
        const res = await post(app, CHILD, raw, contentType);
        expectStandardError(res, [415]);
        expect(res.body.message).toMatch(/application\/json/);
      }
    });

    it('answers broken JSON or compression with 400 and an over-large body with 413, in the standard shape', async () => {
      expectStandardError(await post(app, CHILD, '{"type":"CaseClosed",'), [400]);
      const notGzip = await request<ErrorAnswer>(app.baseUrl, 'POST', `/children/${CHILD}/events`, {
        raw: '{"type":"CaseClosed"}',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expectStandardError(notGzip, [400]);
      expect(notGzip.body.message).toMatch(/could not be decompressed/);
      const huge = await post(app, CHILD, JSON.stringify({ type: 'CaseClosed', occurredOn: '2025-01-06', data: { reason: 'x'.repeat(200_000) } }));
      expectStandardError(huge, [413]);
    });

    it('wrote nothing for any of them', async () => {
      expect(await eventIdsOf(app, CHILD)).toEqual(eventsBefore);
      expect(await eventIdsOf(app, NEVER)).toBe('no stream');
    });
  });

  it('still records emoji and right-to-left text, which are real text', async () => {
    const res = await recordEvent(app.baseUrl, 'child-unicode', {
      type: 'ChildRegistered',
      occurredOn: '2024-09-02',
      data: { givenName: 'Zoë 😀', familyName: 'שלום \u202Bمرحبا\u202C', dateOfBirth: '2014-05-12', area: 'north' },
    });
    expect(res.status).toBe(201);
  });

  it('answers 400, 413 or 415 in the standard shape to 320 generated malformed events, and records none of them', async () => {
    const before = await eventIdsOf(app, CHILD);
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequest, async (m) => {
        seen.set(m.shape, (seen.get(m.shape) ?? 0) + 1);
        const res = await post(app, m.childId, m.raw, m.contentType);
        expectStandardError(res, [400, 413, 415]);
        if (m.childId === CHILD) expect(await eventIdsOf(app, CHILD)).toEqual(before);
        if (m.childId === NEVER) expect(await eventIdsOf(app, NEVER)).toBe('no stream');
      }),
      { seed: SEED, numRuns: 320 },
    );
    expect([...seen.keys()].sort()).toEqual([...SHAPES].sort());
    expect(await eventIdsOf(app, CHILD)).toEqual(before);
  }, 120_000);

  it('never answers 5xx to generated query strings on /clocks, /waiting-times, /suspensions and /alerts', async () => {
    const northManager = await authAs(app, 'manager', ['north'], 'manager-north');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/clocks', '/waiting-times', '/suspensions', '/alerts'),
        queryString,
        fc.boolean(),
        async (path, query, asManager) => {
          const res = await request<ErrorAnswer>(app.baseUrl, 'GET', `${path}?${query}`, asManager ? { headers: northManager } : {});
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expectStandardError(res, [400, 403, 404]);
        },
      ),
      { seed: SEED, numRuns: 240 },
    );
  }, 120_000);
});
