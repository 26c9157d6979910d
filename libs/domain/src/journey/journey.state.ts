import type {
  AdviceType,
  AnnualReviewDecision,
  AppealGround,
  AppealOutcome,
  DecisionToReassess,
  MediationSubject,
  PersonalBudgetKind,
  PlacementSetting,
  SenNeedType,
  Sex,
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
import { RecordedEventIds } from './recorded-history';
import { emptyRecord } from './records';

/**
 * Where a child's journey stands, folded from their stream in business-date order (docs/domain-rules.md §2):
 * the one fold that deciding, the journey view, clocks and alerts all read. Plain readonly data (no classes, and no
 * Maps but `recordedEventIds`) so it can be serialised; records keyed by caller-chosen ids are null-prototype objects, so an id
 * such as `constructor` is an id like any other. Only active (not voided) events shape the stages below;
 * `events`, `recordedEventIds` and `voidedEventIds` keep the whole history.
 */
export interface JourneyState {
  readonly child: JourneyChild | null;
  readonly referrals: Readonly<Record<string, JourneyReferral>>;
  readonly ehcRequests: Readonly<Record<string, JourneyEhcRequest>>;
  readonly activePlan: JourneyActivePlan | null;
  /** Plans that were issued and have since ended (ceased, or replaced after a re-assessment), oldest first. */
  readonly endedPlans: readonly JourneyEndedPlan[];
  /** Every placement named, keyed by placementId. */
  readonly placements: Readonly<Record<string, JourneyPlacement>>;
  readonly mediations: Readonly<Record<string, JourneyMediation>>;
  readonly appeals: Readonly<Record<string, JourneyAppeal>>;
  readonly suspensions: Readonly<Record<string, JourneySuspension>>;
  readonly permanentExclusions: Readonly<Record<string, JourneyPermanentExclusion>>;
  /** Keyed by school: the latest part-time timetable at that school. */
  readonly partTimeTimetables: Readonly<Record<string, JourneyPartTimeTimetable>>;
  readonly caseClosed: { readonly on: LocalDate; readonly reason: string } | null;
  /** Short, human-readable names of the stages open now, e.g. 'EHC plan: active'. */
  readonly currentStages: readonly string[];
  /**
   * Every event id in the stream (voided ones and `EventVoided` markers included) → its stream revision. A read-only
   * Map, the one exception to plain data: it grows with every event, so successive states share it rather than each
   * copying it (see recorded-history.ts); it is write-model bookkeeping, never serialised.
   */
  readonly recordedEventIds: ReadonlyMap<string, number>;
  readonly voidedEventIds: Readonly<Record<string, true>>;
  /**
   * Every recorded event in stream order, voided ones included: voiding refolds from it. A read-only array that
   * successive states share (each sees its own length of it), so recording one more event does not copy the history.
   */
  readonly events: readonly RecordedJourneyEvent[];
  /**
   * The business date of the last active event folded, ChildRegistered aside: an event dated on or after it
   * is folded on top; an earlier one takes its place in the timeline, so the journey is refolded.
   */
  readonly foldedUpTo: LocalDate | null;
}

export interface JourneyChild {
  /** Null, like dateOfBirth, nhsNumber and upn, once the child's personal data is erased. */
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly dateOfBirth: LocalDate | null;
  /** The personal data was erased: counts, clocks and statistics still include the child. */
  readonly erased: boolean;
  /** The area the child is in at the latest date of the journey (area changes take effect on their date). */
  readonly area: string;
  readonly nhsNumber: string | null;
  readonly upn: string | null;
  readonly school: string | null;
  readonly caseworker: string | null;
  readonly sex: Sex | null;
  readonly ethnicity: string | null;
  readonly postcode: string | null;
  /** Ranked SEN2 need types, first = primary need; empty until recorded. */
  readonly senNeeds: readonly SenNeedType[];
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
  | 'awaiting-decision-to-reassess'
  | 'not-to-reassess'
  | 'assessing'
  | 'draft-plan-issued'
  | 'not-to-issue-plan'
  | 'final-plan-issued';

/**
 * An EHC needs assessment request, or (v2) a request to re-assess a child who has a plan (reg 24–27). Both
 * go through advice, a draft and a final plan; a re-assessment's final plan replaces the active plan.
 */
export interface JourneyEhcRequest {
  readonly requestId: string;
  readonly kind: 'assessment' | 'reassessment';
  /** The date the LA received the request: every EHC clock runs from it. */
  readonly receivedOn: LocalDate;
  readonly requestedBy: EhcRequester;
  readonly status: JourneyEhcRequestStatus;
  /** The LA's decision whether to assess (an assessment request; re-assessments use `reassessmentDecision`). */
  readonly decision: DecisionToAssess | null;
  readonly decisionOn: LocalDate | null;
  readonly reassessmentDecision: DecisionToReassess | null;
  readonly reassessmentDecisionOn: LocalDate | null;
  /**
   * An upheld or conceded appeal against the LA's refusal (to assess, re-assess or issue) reopened the request
   * on this date: its next step may be recorded again on the same requestId (reg 44, 45).
   */
  readonly reopenedByAppealOn: LocalDate | null;
  readonly advice: Readonly<Record<string, JourneyAdvice>>;
  /** The first reg 10(4) exception of the request in business-date order: later ones are history. */
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
  /** Personal budget agreed for the plan (CFA 2014 s.49), the latest kind. */
  readonly personalBudget: PersonalBudgetKind | null;
}

export interface JourneyEndedPlan {
  readonly requestId: string;
  readonly issuedOn: LocalDate;
  /** Ceased (CFA 2014 s.45) or replaced by the final plan of a re-assessment (reg 27). */
  readonly endedAs: 'ceased' | 'replaced';
  readonly endedOn: LocalDate;
  /** The reason given for ceasing; for a replaced plan, the re-assessment's requestId. */
  readonly reason: string;
}

export interface JourneyPlacement {
  readonly placementId: string;
  readonly requestId: string | null;
  readonly urn: string | null;
  readonly ukprn: string | null;
  readonly setting: PlacementSetting | null;
  readonly startedOn: LocalDate;
  readonly endedOn: LocalDate | null;
  readonly rank: number;
  readonly namedOn: LocalDate;
}

export interface JourneyMediation {
  readonly mediationId: string;
  readonly about: MediationSubject;
  readonly requestId: string | null;
  readonly recordedOn: LocalDate;
}

export interface JourneyAppeal {
  readonly appealId: string;
  readonly against: AppealGround;
  readonly requestId: string | null;
  readonly lodgedOn: LocalDate;
  /** The LA told the Tribunal it would not oppose (reg 45). */
  readonly concededOn: LocalDate | null;
  readonly outcome: AppealOutcome | null;
  readonly decidedOn: LocalDate | null;
  /** The date the LA became bound to act: an upheld decision (reg 44) or a concession (reg 45). */
  readonly orderOn: LocalDate | null;
}

export interface JourneySuspension {
  readonly suspensionId: string;
  readonly school: string;
  readonly schoolDays: number;
  readonly reason: ExclusionReason;
  readonly occurredOn: LocalDate;
  readonly rescinded: boolean;
  readonly rescindedOn: LocalDate | null;
  /** More than 5 school days: the school must arrange full-time education from the sixth day. */
  readonly sixthDayProvision: boolean;
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
  referrals: emptyRecord<JourneyReferral>(),
  ehcRequests: emptyRecord<JourneyEhcRequest>(),
  activePlan: null,
  endedPlans: [],
  placements: emptyRecord<JourneyPlacement>(),
  mediations: emptyRecord<JourneyMediation>(),
  appeals: emptyRecord<JourneyAppeal>(),
  suspensions: emptyRecord<JourneySuspension>(),
  permanentExclusions: emptyRecord<JourneyPermanentExclusion>(),
  partTimeTimetables: emptyRecord<JourneyPartTimeTimetable>(),
  caseClosed: null,
  currentStages: [],
  recordedEventIds: RecordedEventIds.of([]),
  voidedEventIds: emptyRecord<true>(),
  events: [],
  foldedUpTo: null,
});
