import type { JourneyEvent, JourneyEventType, LocalDate } from '../events';
import { DomainError } from '../errors';
import { decide } from './journey.decide';
import type { JourneyState } from './journey.state';
import { entriesOf, hasEntry } from './records';

/** An event type the order rules allow now, with the existing ids it may be recorded against. */
export interface NextStep {
  readonly type: JourneyEventType;
  /**
   * For a step of something already recorded, the ids it may be recorded for (e.g. the open referrals a
   * PreAssessmentStarted may follow), by the field that names them. Absent for a step that starts something
   * new or names nothing (a new referral, a suspension, an annual review meeting).
   */
  readonly for?: { readonly field: NextStepKey; readonly ids: readonly string[] };
}

export type NextStepKey = 'referralId' | 'requestId' | 'adviceId' | 'suspensionId' | 'exclusionId' | 'appealId' | 'school';

/**
 * What could be recorded for the child today (docs/domain-rules.md §3), so a form offers only steps the order
 * rules accept. Each candidate is tried through `decide` itself with the ids the journey holds (and today as its
 * date), so this can never disagree with what recording would answer. Steps that start something new are
 * offered whenever the rules would take one with a fresh id.
 */
export function nextSteps(state: JourneyState, childId: string, today: LocalDate): NextStep[] {
  if (state.child === null) return [{ type: 'ChildRegistered' }];
  const ids = idsOf(state);
  const steps: NextStep[] = [];
  for (const type of NEXT_STEP_TYPES) {
    const candidate = CANDIDATES[type];
    if (candidate.keyedBy === undefined) {
      if (accepted(candidate.probe(FRESH_ID, today, state), state, childId, today)) steps.push({ type });
      continue;
    }
    const field = candidate.keyedBy;
    const allowed = ids[field].filter((id) => accepted(candidate.probe(id, today, state), state, childId, today));
    if (allowed.length > 0) steps.push({ type, for: { field, ids: allowed } });
  }
  return steps;
}

const FRESH_ID = '\u0000next-step-probe';

function accepted(event: JourneyEvent, state: JourneyState, childId: string, today: LocalDate): boolean {
  try {
    return decide({ childId, eventId: FRESH_ID, event, today }, state).length === 1;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

function idsOf(state: JourneyState): Record<NextStepKey, string[]> {
  const requests = entriesOf(state.ehcRequests);
  return {
    referralId: entriesOf(state.referrals).map((r) => r.referralId),
    requestId: requests.map((r) => r.requestId),
    adviceId: requests.flatMap((r) => entriesOf(r.advice).map((a) => a.adviceId)),
    suspensionId: entriesOf(state.suspensions).map((s) => s.suspensionId),
    exclusionId: entriesOf(state.permanentExclusions).map((x) => x.exclusionId),
    appealId: entriesOf(state.appeals).map((a) => a.appealId),
    school: entriesOf(state.partTimeTimetables).map((t) => t.school),
  };
}

type RecordedByCaseworkers = Exclude<JourneyEventType, 'ChildRegistered' | 'EventVoided'>;

interface Candidate {
  readonly keyedBy?: NextStepKey;
  /**
   * A well-formed event of the type for the given id, dated today: only its type, ids and date matter to the
   * rules. `state` lets a step find what its id belongs to (the request an advice was asked for).
   */
  readonly probe: (id: string, today: LocalDate, state: JourneyState) => JourneyEvent;
}

const on = (today: LocalDate) => ({ occurredOn: today });

/**
 * One candidate per event type a caseworker records (registration and voiding are offered by the pages
 * themselves): keyed by type, so a new event type does not compile until it has one.
 */
const CANDIDATES: Readonly<Record<RecordedByCaseworkers, Candidate>> = {
  ChildDetailsChanged: { probe: (_, t) => ({ type: 'ChildDetailsChanged', ...on(t), data: { school: 'probe' } }) },
  ReferralReceived: { probe: (id, t) => ({ type: 'ReferralReceived', ...on(t), data: { referralId: id, service: 'camhs', source: 'other' } }) },
  PreAssessmentStarted: { keyedBy: 'referralId', probe: (id, t) => ({ type: 'PreAssessmentStarted', ...on(t), data: { referralId: id } }) },
  PreAssessmentInformationReceived: {
    keyedBy: 'referralId',
    probe: (id, t) => ({ type: 'PreAssessmentInformationReceived', ...on(t), data: { referralId: id, from: 'other' } }),
  },
  MdtTriageCompleted: {
    keyedBy: 'referralId',
    probe: (id, t) => ({ type: 'MdtTriageCompleted', ...on(t), data: { referralId: id, outcome: 'more-information-needed' } }),
  },
  InitialAppointmentHeld: { keyedBy: 'referralId', probe: (id, t) => ({ type: 'InitialAppointmentHeld', ...on(t), data: { referralId: id } }) },
  DiagnosticOutcomeRecorded: {
    keyedBy: 'referralId',
    probe: (id, t) => ({ type: 'DiagnosticOutcomeRecorded', ...on(t), data: { referralId: id, outcome: 'inconclusive' } }),
  },
  ReferralClosed: { keyedBy: 'referralId', probe: (id, t) => ({ type: 'ReferralClosed', ...on(t), data: { referralId: id, reason: 'probe' } }) },
  EhcNeedsAssessmentRequested: {
    probe: (id, t) => ({ type: 'EhcNeedsAssessmentRequested', ...on(t), data: { requestId: id, requestedBy: 'other' } }),
  },
  DecisionToAssessMade: {
    keyedBy: 'requestId',
    probe: (id, t) => ({ type: 'DecisionToAssessMade', ...on(t), data: { requestId: id, decision: 'assess' } }),
  },
  AdviceRequested: {
    keyedBy: 'requestId',
    probe: (id, t) => ({ type: 'AdviceRequested', ...on(t), data: { requestId: id, adviceId: FRESH_ID, adviceType: 'other' } }),
  },
  TimescaleExceptionRecorded: {
    keyedBy: 'requestId',
    probe: (id, t) => ({ type: 'TimescaleExceptionRecorded', ...on(t), data: { requestId: id, exception: 'absent-from-area' } }),
  },
  DecisionNotToIssuePlan: { keyedBy: 'requestId', probe: (id, t) => ({ type: 'DecisionNotToIssuePlan', ...on(t), data: { requestId: id } }) },
  DraftPlanIssued: { keyedBy: 'requestId', probe: (id, t) => ({ type: 'DraftPlanIssued', ...on(t), data: { requestId: id } }) },
  FinalPlanIssued: { keyedBy: 'requestId', probe: (id, t) => ({ type: 'FinalPlanIssued', ...on(t), data: { requestId: id, placement: 'probe' } }) },
  ReassessmentRequested: { probe: (id, t) => ({ type: 'ReassessmentRequested', ...on(t), data: { requestId: id, requestedBy: 'other' } }) },
  ReassessmentDecisionMade: {
    keyedBy: 'requestId',
    probe: (id, t) => ({ type: 'ReassessmentDecisionMade', ...on(t), data: { requestId: id, decision: 'reassess' } }),
  },
  PlacementNamed: { probe: (id, t) => ({ type: 'PlacementNamed', ...on(t), data: { placementId: id, setting: 'OTH', startedOn: t, rank: 1 } }) },
  PersonalBudgetAgreed: { probe: (_, t) => ({ type: 'PersonalBudgetAgreed', ...on(t), data: { kind: 'direct-payments' } }) },
  MediationRecorded: { probe: (id, t) => ({ type: 'MediationRecorded', ...on(t), data: { mediationId: id, about: 'plan' } }) },
  AppealLodged: { probe: (id, t) => ({ type: 'AppealLodged', ...on(t), data: { appealId: id, against: 'plan-contents' } }) },
  AppealConceded: { keyedBy: 'appealId', probe: (id, t) => ({ type: 'AppealConceded', ...on(t), data: { appealId: id } }) },
  AppealDecided: { keyedBy: 'appealId', probe: (id, t) => ({ type: 'AppealDecided', ...on(t), data: { appealId: id, outcome: 'dismissed' } }) },
  AnnualReviewMeetingHeld: { probe: (_, t) => ({ type: 'AnnualReviewMeetingHeld', ...on(t), data: {} }) },
  AnnualReviewDecisionMade: { probe: (_, t) => ({ type: 'AnnualReviewDecisionMade', ...on(t), data: { decision: 'maintain' } }) },
  AmendedPlanIssued: { probe: (_, t) => ({ type: 'AmendedPlanIssued', ...on(t), data: { placement: 'probe' } }) },
  PlanCeased: { probe: (_, t) => ({ type: 'PlanCeased', ...on(t), data: { reason: 'probe' } }) },
  SuspensionRecorded: {
    probe: (id, t) => ({ type: 'SuspensionRecorded', ...on(t), data: { suspensionId: id, school: 'probe', schoolDays: 1, reason: 'damage' } }),
  },
  SuspensionRescinded: { keyedBy: 'suspensionId', probe: (id, t) => ({ type: 'SuspensionRescinded', ...on(t), data: { suspensionId: id } }) },
  PermanentExclusionRecorded: {
    probe: (id, t) => ({ type: 'PermanentExclusionRecorded', ...on(t), data: { exclusionId: id, school: 'probe', reason: 'damage' } }),
  },
  PermanentExclusionOverturned: {
    keyedBy: 'exclusionId',
    probe: (id, t) => ({ type: 'PermanentExclusionOverturned', ...on(t), data: { exclusionId: id } }),
  },
  PartTimeTimetableStarted: { probe: (_, t) => ({ type: 'PartTimeTimetableStarted', ...on(t), data: { school: FRESH_ID } }) },
  PartTimeTimetableEnded: { keyedBy: 'school', probe: (id, t) => ({ type: 'PartTimeTimetableEnded', ...on(t), data: { school: id } }) },
  CaseClosed: { probe: (_, t) => ({ type: 'CaseClosed', ...on(t), data: { reason: 'probe' } }) },
  AdviceReceived: {
    keyedBy: 'adviceId',
    probe: (id, t, state) => ({
      type: 'AdviceReceived',
      ...on(t),
      data: { requestId: entriesOf(state.ehcRequests).find((r) => hasEntry(r.advice, id))?.requestId ?? FRESH_ID, adviceId: id },
    }),
  },
};

/** The event types a form may offer as a next step: every type but registration and voiding. */
export const NEXT_STEP_TYPES = Object.keys(CANDIDATES) as RecordedByCaseworkers[];
