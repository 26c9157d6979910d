import type { LocalDate, RecordedJourneyEvent } from '../events';
import { compareDates, daysBetween } from '../dates';
import type { ReferralFacts } from '../waiting-times/referral-history';
import type { EhcRequestFacts } from './ehc-requests';
import type { PlanFacts } from './plan-history';

/** Clock ids (docs/domain-rules.md §4). */
export const CLOCK_NAMES = [
  'decision-to-assess',
  'advice',
  'plan-decision',
  'final-plan',
  'reassessment-decision',
  'reassessment-final-plan',
  'appeal-compliance',
  'annual-review',
  'review-decision',
  'amended-plan',
  'phase-transfer',
  'autism-assessment-start',
  'camhs-first-seen',
  'therapy-first-seen',
  'portage-first-seen',
] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export type ClockStatus = 'running' | 'due-soon' | 'breached' | 'met' | 'met-late' | 'excepted' | 'closed';

export interface ClockView {
  readonly clock: ClockName;
  /** Unique per child and clock: requestId, adviceId, referralId, `plan:<requestId>:review:<n>`, `year-7-2037`… */
  readonly key: string;
  readonly startedOn: LocalDate;
  /** null only for a clock without a target (portage by default). */
  readonly dueOn: LocalDate | null;
  /** occurredOn of the event that stopped (met) the clock; null while open or when closed. */
  readonly stoppedOn: LocalDate | null;
  /** occurredOn of the event that closed the clock (status `closed`). */
  readonly closedOn?: LocalDate;
  readonly status: ClockStatus;
  readonly daysOverdue: number;
  readonly requestId?: string;
  readonly referralId?: string;
  readonly adviceId?: string;
  readonly appealId?: string;
  /** The reg 10(4) exception recorded for the request, when there is one (whatever the status). */
  readonly exception?: string;
  /** occurredOn of the exception, on the clocks it switches off (decision-to-assess, plan-decision, final-plan). */
  readonly exceptedOn?: LocalDate;
  /** e.g. `draftResponseWindowCut` on final-plan (reg 13(1)). */
  readonly flags?: string[];
  /** The regulation or standard the limit comes from, e.g. `reg 13(2)`. */
  readonly source: string;
}

/** The year groups a middle school starts and ends with, where an LA has them (e.g. entry 5, exit 9). */
export interface MiddleSchoolYears {
  readonly entry: number;
  readonly exit: number;
}

export interface ClockConfig {
  /** Days before the due date from which an open clock is `due-soon` (docs/domain-rules.md §2: default 14). */
  readonly warningWindowDays: number;
  /** Middle-school transfers replace the Year 7 transfer when configured (reg 18(1)); null: none. */
  readonly middleSchoolYears?: MiddleSchoolYears | null;
  readonly targets: {
    /** NICE QS51 statement 1: 3 months. */
    readonly autismAssessmentStartMonths: number;
    /** NHS 4-week CAMHS waiting standard. */
    readonly camhsFirstSeenWeeks: number;
    /** NHS referral-to-treatment: 18 weeks. */
    readonly therapyFirstSeenWeeks: number;
    /** A local target; null (the default) means the wait is reported but never due. */
    readonly portageFirstSeenWeeks: number | null;
  };
}

export const DEFAULT_CLOCK_CONFIG: ClockConfig = {
  warningWindowDays: 14,
  targets: { autismAssessmentStartMonths: 3, camhsFirstSeenWeeks: 4, therapyFirstSeenWeeks: 18, portageFirstSeenWeeks: null },
};

export interface ClockStatusInput {
  readonly dueOn: LocalDate | null;
  /** The stop event's occurredOn (the step happened). */
  readonly stoppedOn?: LocalDate | null;
  /** The date the clock stopped applying (a closing event). */
  readonly closedOn?: LocalDate | null;
  /** Alternatively: the date the exception was recorded as happening (applies from then on). */
  readonly exceptedOn?: LocalDate | null;
}

/**
 * The shared status rule (docs/domain-rules.md §2 and §4.3), for a clock that exists as of `asOf`.
 *
 * Precedence, decided here once for every clock:
 * 1. `excepted`: a reg 10(4) exception dated D switches the limit off for a clock that had not
 *    stopped (or closed) before D, whether it later stops in time, stops late or is still open. It is
 *    reported apart, never alerted as a breach, so daysOverdue is 0. A clock closed on or after D
 *    shows `closed` (it no longer applies), also with daysOverdue 0.
 * 2. stopped (`met` when stoppedOn ≤ dueOn, else `met-late`): the step happened. A stop on the same
 *    day as a closing event counts as a stop.
 * 3. `closed`: the clock no longer applies (e.g. not-assess closes the 20-week clock). A clock closed
 *    after its due date keeps daysOverdue = close date − due: the breach stays in history.
 * 4. open: `breached` when asOf > due; `due-soon` when due − window ≤ asOf ≤ due; else `running`.
 *    A clock without a due date (portage without a target) is `running` until stopped.
 * daysOverdue = (stop date, close date, or asOf while open) − due when positive, else 0.
 *
 * A stop, close or exception dated after asOf has not happened yet as of asOf and is ignored, so a
 * read model may store the dates once (computed as of the far future) and ask for any asOf.
 * The caller decides whether the clock exists at all (startedOn ≤ asOf).
 */
export function clockStatus(
  input: ClockStatusInput,
  asOf: LocalDate,
  warningWindowDays: number = DEFAULT_CLOCK_CONFIG.warningWindowDays,
): { status: ClockStatus; daysOverdue: number } {
  const { dueOn } = input;
  const happened = (d: LocalDate | null | undefined): LocalDate | null => (d && compareDates(d, asOf) <= 0 ? d : null);
  const closedOn = happened(input.closedOn);
  const stopped = happened(input.stoppedOn);
  const stoppedOn = stopped && (!closedOn || compareDates(stopped, closedOn) <= 0) ? stopped : null;
  const endedOn = stoppedOn ?? closedOn;
  const overdueBy = (d: LocalDate): number => (dueOn === null ? 0 : Math.max(0, daysBetween(dueOn, d)));
  if (exceptionApplies(happened(input.exceptedOn), endedOn)) {
    return { status: stoppedOn === null && closedOn !== null ? 'closed' : 'excepted', daysOverdue: 0 };
  }
  if (stoppedOn) {
    const late = overdueBy(stoppedOn);
    return late > 0 ? { status: 'met-late', daysOverdue: late } : { status: 'met', daysOverdue: 0 };
  }
  if (closedOn) return { status: 'closed', daysOverdue: overdueBy(closedOn) };
  if (dueOn === null) return { status: 'running', daysOverdue: 0 };
  const toDue = daysBetween(asOf, dueOn); // days left until due
  if (toDue < 0) return { status: 'breached', daysOverdue: -toDue };
  if (toDue <= warningWindowDays) return { status: 'due-soon', daysOverdue: 0 };
  return { status: 'running', daysOverdue: 0 };
}

/** An exception governs a clock that had not ended (stopped or closed) before the exception's date. */
function exceptionApplies(exceptedOn: LocalDate | null, endedOn: LocalDate | null): boolean {
  if (exceptedOn === null) return false;
  return endedOn === null || compareDates(endedOn, exceptedOn) >= 0;
}

/**
 * What every clock rule is given: the events that count as of asOf, in business-date order, and the facts
 * several rules read (each request, plan and referral), gathered once per journey rather than once per rule.
 */
export interface ClockContext {
  readonly events: readonly RecordedJourneyEvent[];
  readonly requests: readonly EhcRequestFacts[];
  readonly plans: readonly PlanFacts[];
  readonly referrals: readonly ReferralFacts[];
  readonly asOf: LocalDate;
  readonly config: ClockConfig;
  /** occurredOn of the first CaseClosed, if the case is closed as of asOf. */
  readonly caseClosedOn: LocalDate | null;
}

/** A clock as a rule sees it, before the shared status rule is applied. */
export interface ClockDraft {
  readonly clock: ClockName;
  readonly key: string;
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate | null;
  readonly stoppedOn: LocalDate | null;
  readonly closedOn: LocalDate | null;
  readonly source: string;
  readonly requestId?: string;
  readonly referralId?: string;
  readonly adviceId?: string;
  readonly appealId?: string;
  readonly exception?: string;
  /** When an exception switched this clock's limit off (only the reg 10(4) clocks). */
  readonly exceptedOn?: LocalDate;
  readonly flags?: string[];
}

/** The earliest of some optional dates. */
export function earliest(...dates: (LocalDate | null | undefined)[]): LocalDate | null {
  let best: LocalDate | null = null;
  for (const d of dates) if (d && (best === null || compareDates(d, best) < 0)) best = d;
  return best;
}

function happenedBy(d: LocalDate, asOf: LocalDate): boolean {
  return compareDates(d, asOf) <= 0;
}

/**
 * Applies the shared status rule. CaseClosed closes every clock still open when the case closes
 * (nothing can be recorded after it, so nothing could ever stop it).
 */
export function toClockView(draft: ClockDraft, ctx: ClockContext): ClockView {
  const caseClosed = ctx.caseClosedOn && compareDates(ctx.caseClosedOn, draft.startedOn) >= 0 ? ctx.caseClosedOn : null;
  const closedOn = earliest(draft.closedOn, caseClosed);
  const { status, daysOverdue } = clockStatus(
    { dueOn: draft.dueOn, stoppedOn: draft.stoppedOn, closedOn, exceptedOn: draft.exceptedOn ?? null },
    ctx.asOf,
    ctx.config.warningWindowDays,
  );
  const stopped =
    status === 'met' || status === 'met-late' || (status === 'excepted' && draft.stoppedOn !== null && happenedBy(draft.stoppedOn, ctx.asOf));
  return {
    clock: draft.clock,
    key: draft.key,
    startedOn: draft.startedOn,
    dueOn: draft.dueOn,
    stoppedOn: stopped ? draft.stoppedOn : null,
    ...(status === 'closed' && closedOn ? { closedOn } : {}),
    status,
    daysOverdue,
    ...(draft.requestId !== undefined ? { requestId: draft.requestId } : {}),
    ...(draft.referralId !== undefined ? { referralId: draft.referralId } : {}),
    ...(draft.adviceId !== undefined ? { adviceId: draft.adviceId } : {}),
    ...(draft.appealId !== undefined ? { appealId: draft.appealId } : {}),
    ...(draft.exception !== undefined ? { exception: draft.exception } : {}),
    ...(draft.exceptedOn !== undefined ? { exceptedOn: draft.exceptedOn } : {}),
    ...(draft.flags && draft.flags.length > 0 ? { flags: [...draft.flags] } : {}),
    source: draft.source,
  };
}
