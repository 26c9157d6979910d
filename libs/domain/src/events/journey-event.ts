import type {
  AdviceType,
  AppealGround,
  AppealOutcome,
  DecisionToReassess,
  MediationSubject,
  PersonalBudgetKind,
  PlacementSetting,
  SenNeedType,
  Sex,
  AnnualReviewDecision,
  DecisionToAssess,
  DiagnosticOutcome,
  EhcRequester,
  ExclusionReason,
  MdtTriageOutcome,
  PreAssessmentInformationSource,
  ReferralService,
  ReferralSource,
  TimescaleException,
} from './vocabulary';

/** A calendar date, UK local, as `YYYY-MM-DD`. Clocks use it, never the recording time. */
export type LocalDate = string;

interface Event<T extends string, D> {
  readonly type: T;
  /** The business date the thing happened (docs/domain-rules.md §2). */
  readonly occurredOn: LocalDate;
  readonly data: D;
}

type NoData = Record<string, never>;

// Child
export type ChildRegistered = Event<
  'ChildRegistered',
  {
    givenName: string;
    familyName: string;
    dateOfBirth: LocalDate;
    area: string;
    nhsNumber?: string;
    upn?: string;
    school?: string;
    caseworker?: string;
    /**
     * Set when the event is read back after the child's personal data was erased (UK GDPR Art. 17):
     * the personal fields above are then absent and only `cohortYear` (from the date of birth) remains.
     */
    erased?: true;
    cohortYear?: number;
  }
>;
export type ChildDetailsChanged = Event<
  'ChildDetailsChanged',
  {
    school?: string;
    area?: string;
    caseworker?: string;
    /** Personal data (encrypted at rest), as the SEN2 return needs it. */
    sex?: Sex;
    /** A DfE ethnicity code. Personal data. */
    ethnicity?: string;
    /** Personal data. */
    postcode?: string;
    /** Ranked SEN2 need types, first = primary need. Not personal data on its own. */
    senNeeds?: SenNeedType[];
  }
>;

// Referrals and the ASD pathway
export type ReferralReceived = Event<'ReferralReceived', { referralId: string; service: ReferralService; source: ReferralSource }>;
export type PreAssessmentStarted = Event<'PreAssessmentStarted', { referralId: string }>;
export type PreAssessmentInformationReceived = Event<
  'PreAssessmentInformationReceived',
  { referralId: string; from: PreAssessmentInformationSource }
>;
export type MdtTriageCompleted = Event<'MdtTriageCompleted', { referralId: string; outcome: MdtTriageOutcome }>;
export type InitialAppointmentHeld = Event<'InitialAppointmentHeld', { referralId: string }>;
export type DiagnosticOutcomeRecorded = Event<'DiagnosticOutcomeRecorded', { referralId: string; outcome: DiagnosticOutcome }>;
export type ReferralClosed = Event<'ReferralClosed', { referralId: string; reason: string }>;

// EHC needs assessment
export type EhcNeedsAssessmentRequested = Event<'EhcNeedsAssessmentRequested', { requestId: string; requestedBy: EhcRequester }>;
export type DecisionToAssessMade = Event<'DecisionToAssessMade', { requestId: string; decision: DecisionToAssess }>;
export type AdviceRequested = Event<'AdviceRequested', { requestId: string; adviceId: string; adviceType: AdviceType }>;
export type AdviceReceived = Event<'AdviceReceived', { requestId: string; adviceId: string }>;
export type TimescaleExceptionRecorded = Event<'TimescaleExceptionRecorded', { requestId: string; exception: TimescaleException }>;
export type DecisionNotToIssuePlan = Event<'DecisionNotToIssuePlan', { requestId: string }>;
export type DraftPlanIssued = Event<'DraftPlanIssued', { requestId: string }>;
export type FinalPlanIssued = Event<'FinalPlanIssued', { requestId: string; placement: string }>;

// Re-assessment (reg 24–27), placements and personal budgets
export type ReassessmentRequested = Event<'ReassessmentRequested', { requestId: string; requestedBy: EhcRequester }>;
export type ReassessmentDecisionMade = Event<'ReassessmentDecisionMade', { requestId: string; decision: DecisionToReassess }>;
export type PlacementNamed = Event<
  'PlacementNamed',
  {
    placementId: string;
    /** The request whose plan names it; absent for a change of placement at review. */
    requestId?: string;
    urn?: string;
    ukprn?: string;
    setting?: PlacementSetting;
    startedOn: LocalDate;
    endedOn?: LocalDate;
    /** 1 = the main placement. */
    rank: number;
  }
>;
export type PersonalBudgetAgreed = Event<'PersonalBudgetAgreed', { kind: PersonalBudgetKind }>;

// Mediation and appeals to the First-tier Tribunal (SEND) (CFA 2014 s.51–53; reg 44, 45)
export type MediationRecorded = Event<'MediationRecorded', { mediationId: string; about: MediationSubject; requestId?: string }>;
export type AppealLodged = Event<'AppealLodged', { appealId: string; against: AppealGround; requestId?: string }>;
export type AppealConceded = Event<'AppealConceded', { appealId: string }>;
export type AppealDecided = Event<'AppealDecided', { appealId: string; outcome: AppealOutcome }>;

// Annual review
export type AnnualReviewMeetingHeld = Event<'AnnualReviewMeetingHeld', NoData>;
export type AnnualReviewDecisionMade = Event<'AnnualReviewDecisionMade', { decision: AnnualReviewDecision }>;
export type AmendedPlanIssued = Event<'AmendedPlanIssued', { placement: string; phaseTransfer?: boolean }>;
export type PlanCeased = Event<'PlanCeased', { reason: string }>;

// Inclusion
export type SuspensionRecorded = Event<'SuspensionRecorded', { suspensionId: string; school: string; schoolDays: number; reason: ExclusionReason }>;
export type SuspensionRescinded = Event<'SuspensionRescinded', { suspensionId: string }>;
export type PermanentExclusionRecorded = Event<'PermanentExclusionRecorded', { exclusionId: string; school: string; reason: ExclusionReason }>;
export type PermanentExclusionOverturned = Event<'PermanentExclusionOverturned', { exclusionId: string }>;
export type PartTimeTimetableStarted = Event<'PartTimeTimetableStarted', { school: string }>;
export type PartTimeTimetableEnded = Event<'PartTimeTimetableEnded', { school: string }>;

// Any stage
export type EventVoided = Event<'EventVoided', { eventId: string; reason: string }>;
export type CaseClosed = Event<'CaseClosed', { reason: string }>;

export type JourneyEvent =
  | ChildRegistered
  | ChildDetailsChanged
  | ReferralReceived
  | PreAssessmentStarted
  | PreAssessmentInformationReceived
  | MdtTriageCompleted
  | InitialAppointmentHeld
  | DiagnosticOutcomeRecorded
  | ReferralClosed
  | EhcNeedsAssessmentRequested
  | DecisionToAssessMade
  | AdviceRequested
  | AdviceReceived
  | TimescaleExceptionRecorded
  | DecisionNotToIssuePlan
  | DraftPlanIssued
  | FinalPlanIssued
  | ReassessmentRequested
  | ReassessmentDecisionMade
  | PlacementNamed
  | PersonalBudgetAgreed
  | MediationRecorded
  | AppealLodged
  | AppealConceded
  | AppealDecided
  | AnnualReviewMeetingHeld
  | AnnualReviewDecisionMade
  | AmendedPlanIssued
  | PlanCeased
  | SuspensionRecorded
  | SuspensionRescinded
  | PermanentExclusionRecorded
  | PermanentExclusionOverturned
  | PartTimeTimetableStarted
  | PartTimeTimetableEnded
  | EventVoided
  | CaseClosed;

export type JourneyEventType = JourneyEvent['type'];
export type JourneyEventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

/**
 * Every event type with its schema version. A change to an event's data shape bumps its
 * version and adds an upcaster; stored events carry the version they were written with.
 */
export const JOURNEY_EVENT_SCHEMA_VERSIONS: Readonly<Record<JourneyEventType, number>> = {
  ChildRegistered: 1,
  ChildDetailsChanged: 1,
  ReferralReceived: 1,
  PreAssessmentStarted: 1,
  PreAssessmentInformationReceived: 1,
  MdtTriageCompleted: 1,
  InitialAppointmentHeld: 1,
  DiagnosticOutcomeRecorded: 1,
  ReferralClosed: 1,
  EhcNeedsAssessmentRequested: 1,
  DecisionToAssessMade: 1,
  AdviceRequested: 1,
  AdviceReceived: 1,
  TimescaleExceptionRecorded: 1,
  DecisionNotToIssuePlan: 1,
  DraftPlanIssued: 1,
  FinalPlanIssued: 1,
  ReassessmentRequested: 1,
  ReassessmentDecisionMade: 1,
  PlacementNamed: 1,
  PersonalBudgetAgreed: 1,
  MediationRecorded: 1,
  AppealLodged: 1,
  AppealConceded: 1,
  AppealDecided: 1,
  AnnualReviewMeetingHeld: 1,
  AnnualReviewDecisionMade: 1,
  AmendedPlanIssued: 1,
  PlanCeased: 1,
  SuspensionRecorded: 1,
  SuspensionRescinded: 1,
  PermanentExclusionRecorded: 1,
  PermanentExclusionOverturned: 1,
  PartTimeTimetableStarted: 1,
  PartTimeTimetableEnded: 1,
  EventVoided: 1,
  CaseClosed: 1,
};

export const JOURNEY_EVENT_TYPES = Object.keys(JOURNEY_EVENT_SCHEMA_VERSIONS) as JourneyEventType[];

export function isJourneyEventType(type: string): type is JourneyEventType {
  return Object.prototype.hasOwnProperty.call(JOURNEY_EVENT_SCHEMA_VERSIONS, type);
}

/** Who recorded an event, when and why: kept beside the event, never used by a clock. */
export interface EventMetadata {
  readonly eventId: string;
  /** ISO instant the event was recorded. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly schemaVersion: number;
}

/** An event as read back from a child's stream. Stream revisions start at 0. */
export interface RecordedJourneyEvent<E extends JourneyEvent = JourneyEvent> {
  readonly event: E;
  readonly metadata: EventMetadata;
  readonly streamRevision: number;
}
