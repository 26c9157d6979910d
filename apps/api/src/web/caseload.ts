import { addDays, CLOCK_NAMES, type ClockName, type LocalDate } from '@sj/domain';
import { MAX_PAGE_SIZE, type ClockItem, type Page } from '@sj/read-models';
import type { FieldProblem } from '../http/request-validation.error';

/** The clock statuses a caseworker still has to act on. */
export const OPEN_STATUSES = ['running', 'due-soon', 'breached'] as const;

export const CASELOAD_DUE = ['this-week', 'breached'] as const;
export type CaseloadDue = (typeof CASELOAD_DUE)[number];

/** `GET /caseload`'s parameters, checked. `caseworker` is `me` or a caseworker's subject. */
export interface CaseloadParams {
  readonly caseworker: string;
  readonly due?: CaseloadDue;
  readonly clock?: ClockName;
  readonly school?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface OpenClock {
  readonly clock: ClockName;
  readonly key: string;
  readonly dueOn: string | null;
  readonly status: string;
  readonly daysOverdue: number;
}

/** One child of a caseload: their open clocks, the nearest due date and the most urgent status among them. */
export interface CaseloadChild {
  readonly childId: string;
  readonly area: string;
  readonly school: string | null;
  readonly openClocks: readonly OpenClock[];
  readonly nextDueOn: string | null;
  readonly status: string;
}

export type Caseload = Page<CaseloadChild> & { readonly caseworker: string };

export const CASELOAD_PAGE_SIZE = 25;
const SUBJECT = /^[A-Za-z0-9@._:|-]{1,128}$/;
const URGENCY: Readonly<Record<string, number>> = { breached: 0, 'due-soon': 1, running: 2 };
const urgency = (status: string): number => URGENCY[status] ?? 3;

/** Reads the query string, or lists what is wrong with it by parameter. */
export function caseloadParamsOf(query: Record<string, unknown>): { params: CaseloadParams } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: name, message: `${name} must be given once` });
      return undefined;
    }
    return value;
  };
  const caseworker = text('caseworker') ?? 'me';
  if (!SUBJECT.test(caseworker)) problems.push({ field: 'caseworker', message: 'caseworker must be "me" or a caseworker\'s user id' });
  const due = text('due');
  if (due !== undefined && !(CASELOAD_DUE as readonly string[]).includes(due))
    problems.push({ field: 'due', message: 'due must be this-week or breached' });
  const clock = text('clock');
  if (clock !== undefined && !(CLOCK_NAMES as readonly string[]).includes(clock))
    problems.push({ field: 'clock', message: `clock must be one of ${CLOCK_NAMES.join(', ')}` });
  const school = text('school');
  if (school !== undefined && school.length > 200) problems.push({ field: 'school', message: 'school must be at most 200 characters' });
  const whole = (name: string, fallback: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) problems.push({ field: name, message: `${name} must be a whole number from 1 to ${max}` });
    return n;
  };
  const page = whole('page', 1, 1_000_000);
  const pageSize = whole('pageSize', CASELOAD_PAGE_SIZE, MAX_PAGE_SIZE);
  if (problems.length > 0) return { problems };
  return {
    params: {
      caseworker,
      ...(due !== undefined ? { due: due as CaseloadDue } : {}),
      ...(clock !== undefined ? { clock: clock as ClockName } : {}),
      ...(school !== undefined ? { school } : {}),
      page,
      pageSize,
    },
  };
}

/**
 * One row per child from the open clocks of their caseload, filtered and paged: children with a breached clock
 * first, then due soon, then the rest, each group by its nearest due date. "Due this week": a clock due from
 * `asOf` to six days after it; "breached": a clock already past its due date.
 */
export function caseloadOf(clocks: readonly ClockItem[], params: CaseloadParams, caseworker: string, asOf: LocalDate): Caseload {
  const byChild = new Map<string, { first: ClockItem; open: OpenClock[] }>();
  for (const c of clocks) {
    const open: OpenClock = { clock: c.clock, key: c.key, dueOn: c.dueOn ?? null, status: c.status, daysOverdue: c.daysOverdue };
    const child = byChild.get(c.childId);
    if (child === undefined) byChild.set(c.childId, { first: c, open: [open] });
    else child.open.push(open);
  }
  const weekEnd = addDays(asOf, 6);
  const children = [...byChild.values()]
    .map(({ first, open }): CaseloadChild => {
      const sorted = [...open].sort((a, b) => urgency(a.status) - urgency(b.status) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
      const dues = open.flatMap((o) => (o.dueOn === null ? [] : [o.dueOn])).sort();
      return {
        childId: first.childId,
        area: first.area,
        school: first.school,
        openClocks: sorted,
        nextDueOn: dues[0] ?? null,
        status: sorted[0]?.status ?? 'running',
      };
    })
    .filter((child) => {
      if (params.due === 'breached') return child.openClocks.some((o) => o.status === 'breached');
      if (params.due === 'this-week') return child.openClocks.some((o) => o.dueOn !== null && o.dueOn >= asOf && o.dueOn <= weekEnd);
      return true;
    })
    .sort(
      (a, b) =>
        urgency(a.status) - urgency(b.status) || (a.nextDueOn ?? '9999').localeCompare(b.nextDueOn ?? '9999') || a.childId.localeCompare(b.childId),
    );
  const start = (params.page - 1) * params.pageSize;
  return {
    caseworker,
    items: children.slice(start, start + params.pageSize),
    page: params.page,
    pageSize: params.pageSize,
    total: children.length,
    asOf,
  };
}
