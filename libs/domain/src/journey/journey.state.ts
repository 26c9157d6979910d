import type {
  AdviceType,
  AnnualReviewDecision,
  DecisionToAssess,
  DiagnosticOutcome,
  EhcRequester,
  ExclusionReason,
  LocalDate,
  MdtTriageOutcome,
  PreAssessmentInformationSource,
  RecordedJourneyEvent,
  ReferralService,
  ReferralSource,
  TimescaleException,
} from '../events';

/**
 * Where a child's journey stands, folded from their stream. Plain readonly data (no Maps or
 * classes) so it can be serialised as-is by the API. Only active (not voided) events shape the
 * stages below; `events`, `recordedEventIds` and `voidedEventIds` keep the whole history.
 */
export interface JourneyState {
  readonly child: JourneyChild | null;
  readonly referrals: Readonly<Record<string, JourneyReferral>>;
  readonly ehcRequests: Readonly<Record<string, JourneyEhcRequest>>;
  readonly activePlan: JourneyActivePlan | null;
  /** Plans that were issued and have since ceased, oldest first. */
  readonly ceasedPlans: readonly JourneyCeasedPlan[];
  readonly suspensions: Readonly<Record<string, JourneySuspension>>;
  readonly permanentExclusions: Readonly<Record<string, JourneyPermanentExclusion>>;
  /** Keyed by school: the latest part-time timetable at that school. */
  readonly partTimeTimetables: Readonly<Record<string, JourneyPartTimeTimetable>>;
  readonly caseClosed: { readonly on: LocalDate; readonly reason: string } | null;
  /** Short, human-readable names of the stages open now, e.g. 'EHC plan: active'. */
  readonly currentStages: readonly string[];
  /** Every event id in the stream (voided ones and `EventVoided` markers included) → its stream revision. */
  readonly recordedEventIds: Readonly<Record<string, number>>;
  readonly voidedEventIds: Readonly<Record<string, true>>;
  /** Every recorded event in stream order, voided ones included: voiding refolds from it. */
  readonly events: readonly RecordedJourneyEvent[];
}

export interface JourneyChild {
  /** Null, like dateOfBirth, nhsNumber and upn, once the child's personal data is erased. */
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly dateOfBirth: LocalDate | null;
  /** The personal data was erased: counts, clocks and statistics still include the child. */
  readonly erased: boolean;
  readonly area: string;
  readonly nhsNumber: string | null;
  readonly upn: string | null;
  readonly school: string | null;
  readonly caseworker: string | null;
  /** `occurredOn` of ChildRegistered. Registration may be recorded after the history it precedes. */
  readonly registeredOn: LocalDate;
}

export interface JourneyReferral {
  readonly referralId: string;
  readonly service: ReferralService;
  readonly source: ReferralSource;
  readonly receivedOn: LocalDate;
  readonly status: 'open' | 'closed';
  readonly preAssessmentStartedOn: LocalDate | null;
  readonly preAssessmentInformation: readonly { readonly from: PreAssessmentInformationSource; readonly receivedOn: LocalDate }[];
  /** Every MDT triage, in date order: 'more-information-needed' can be followed by another triage. */
  readonly mdtTriages: readonly { readonly outcome: MdtTriageOutcome; readonly completedOn: LocalDate }[];
  /** The latest triage's outcome and date, or null before the first. */
  readonly mdtTriageOutcome: MdtTriageOutcome | null;
  readonly mdtTriageCompletedOn: LocalDate | null;
  readonly initialAppointmentOn: LocalDate | null;
  readonly diagnosticOutcome: DiagnosticOutcome | null;
  readonly diagnosticOutcomeOn: LocalDate | null;
  readonly closedOn: LocalDate | null;
  readonly closedReason: string | null;
}

export type JourneyEhcRequestStatus =
  | 'awaiting-decision-to-assess'
  | 'not-to-assess'
  | 'assessing'
  | 'draft-plan-issued'
  | 'not-to-issue-plan'
  | 'final-plan-issued';

export interface JourneyEhcRequest {
  readonly requestId: string;
  /** The date the LA received the request: every EHC clock runs from it. */
  readonly receivedOn: LocalDate;
  readonly requestedBy: EhcRequester;
  readonly status: JourneyEhcRequestStatus;
  readonly decision: DecisionToAssess | null;
  readonly decisionOn: LocalDate | null;
  readonly advice: Readonly<Record<string, JourneyAdvice>>;
  /** The latest reg 10(4) exception recorded for the request, if any. */
  readonly exception: TimescaleException | null;
  readonly exceptionRecordedOn: LocalDate | null;
  /** The latest draft plan's date: a re-issued draft restarts the parent's 15 days. */
  readonly draftIssuedOn: LocalDate | null;
  /** The first draft plan's date (the same as `draftIssuedOn` unless a draft was re-issued). */
  readonly firstDraftIssuedOn: LocalDate | null;
  readonly finalIssuedOn: LocalDate | null;
  readonly placement: string | null;
  readonly decisionNotToIssueOn: LocalDate | null;
  /**
   * reg 13(1): after a draft issued on D the parent has at least 15 days beginning with D to
   * respond, so the final plan should not be issued before D + 15. A final plan issued earlier is
   * still recorded (it happened) but flagged here.
   */
  readonly draftResponseWindowCut: boolean;
}

export interface JourneyAdvice {
  readonly adviceId: string;
  readonly adviceType: AdviceType;
  readonly requestedOn: LocalDate;
  readonly receivedOn: LocalDate | null;
}

export interface JourneyActivePlan {
  readonly requestId: string;
  readonly issuedOn: LocalDate;
  readonly placement: string;
  readonly lastReviewMeetingOn: LocalDate | null;
  readonly lastReviewDecision: AnnualReviewDecision | null;
  readonly lastReviewDecisionOn: LocalDate | null;
  readonly amendedOn: LocalDate | null;
  /** True when the latest amended plan was the phase-transfer amendment (reg 18(1)). */
  readonly amendedForPhaseTransfer: boolean;
}

export interface JourneyCeasedPlan {
  readonly requestId: string;
  readonly issuedOn: LocalDate;
  readonly ceasedOn: LocalDate;
  readonly reason: string;
}

export interface JourneySuspension {
  readonly suspensionId: string;
  readonly school: string;
  readonly schoolDays: number;
  readonly reason: ExclusionReason;
  readonly occurredOn: LocalDate;
  readonly rescinded: boolean;
  readonly rescindedOn: LocalDate | null;
}

export interface JourneyPermanentExclusion {
  readonly exclusionId: string;
  readonly school: string;
  readonly reason: ExclusionReason;
  readonly occurredOn: LocalDate;
  readonly overturned: boolean;
  readonly overturnedOn: LocalDate | null;
}

export interface JourneyPartTimeTimetable {
  readonly school: string;
  readonly status: 'open' | 'closed';
  readonly startedOn: LocalDate;
  readonly endedOn: LocalDate | null;
}

export const initialJourneyState: JourneyState = Object.freeze({
  child: null,
  referrals: {},
  ehcRequests: {},
  activePlan: null,
  ceasedPlans: [],
  suspensions: {},
  permanentExclusions: {},
  partTimeTimetables: {},
  caseClosed: null,
  currentStages: [],
  recordedEventIds: {},
  voidedEventIds: {},
  events: [],
});
