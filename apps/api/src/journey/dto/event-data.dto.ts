import {
  ADVICE_TYPES,
  ANNUAL_REVIEW_DECISIONS,
  APPEAL_GROUNDS,
  APPEAL_OUTCOMES,
  DECISIONS_TO_ASSESS,
  DECISIONS_TO_REASSESS,
  DIAGNOSTIC_OUTCOMES,
  EHC_REQUESTERS,
  ETHNICITY_CODE_PATTERN,
  EXCLUSION_REASONS,
  isValidNhsNumber,
  MDT_TRIAGE_OUTCOMES,
  MEDIATION_SUBJECTS,
  PERSONAL_BUDGET_KINDS,
  PLACEMENT_SETTINGS,
  POSTCODE_PATTERN,
  PRE_ASSESSMENT_INFORMATION_SOURCES,
  REFERRAL_SERVICES,
  REFERRAL_SOURCES,
  SEN_NEED_TYPES,
  SEXES,
  TIMESCALE_EXCEPTIONS,
  UKPRN_PATTERN,
  URN_PATTERN,
  type AdviceType,
  type AnnualReviewDecision,
  type AppealGround,
  type AppealOutcome,
  type DecisionToAssess,
  type DecisionToReassess,
  type DiagnosticOutcome,
  type EhcRequester,
  type ExclusionReason,
  type JourneyEventOf,
  type JourneyEventType,
  type MdtTriageOutcome,
  type MediationSubject,
  type PersonalBudgetKind,
  type PlacementSetting,
  type PreAssessmentInformationSource,
  type ReferralService,
  type ReferralSource,
  type SenNeedType,
  type Sex,
  type TimescaleException,
} from '@sj/domain';
import type { FieldProblem } from '../../http/request-validation.error';
import {
  BooleanField,
  CalendarDate,
  CodeField,
  IdField,
  NameField,
  NhsNumberField,
  OneOf,
  PastOrTodayDate,
  PlaceField,
  PostcodeField,
  RankedListOf,
  ReasonField,
  SchoolDaysField,
  UpnField,
  WholeNumberField,
} from './field-rules';

type DataOf<T extends JourneyEventType> = JourneyEventOf<T>['data'];

/**
 * The `data` of each journey event type (docs/domain-rules.md §3). Each class `implements` its event's data
 * type and `EVENT_DATA_CLASSES` is checked per event, so a change to the domain's shape fails to compile here.
 * A class shared by several types implements the first of them; the map checks it against the others.
 */

// Child
export class ChildRegisteredData implements DataOf<'ChildRegistered'> {
  @NameField() givenName!: string;
  @NameField() familyName!: string;
  @PastOrTodayDate() dateOfBirth!: string;
  @PlaceField() area!: string;
  @NhsNumberField(isValidNhsNumber) nhsNumber?: string;
  @UpnField() upn?: string;
  @PlaceField({ optional: true }) school?: string;
  @IdField({ optional: true }) caseworker?: string;
}
export class ChildDetailsChangedData implements DataOf<'ChildDetailsChanged'> {
  @PlaceField({ optional: true }) school?: string;
  @PlaceField({ optional: true }) area?: string;
  @IdField({ optional: true }) caseworker?: string;
  @OneOf(SEXES, { optional: true }) sex?: Sex;
  @CodeField(ETHNICITY_CODE_PATTERN, 'a DfE ethnicity code: 4 capital letters (e.g. WBRI)', { optional: true }) ethnicity?: string;
  @PostcodeField(POSTCODE_PATTERN, { optional: true }) postcode?: string;
  @RankedListOf(SEN_NEED_TYPES, 'SEN2 need types, primary need first', { optional: true }) senNeeds?: SenNeedType[];
}

// Referrals and the ASD pathway
export class ReferralReceivedData implements DataOf<'ReferralReceived'> {
  @IdField() referralId!: string;
  @OneOf(REFERRAL_SERVICES) service!: ReferralService;
  @OneOf(REFERRAL_SOURCES) source!: ReferralSource;
}
export class ReferralStepData implements DataOf<'PreAssessmentStarted'> {
  @IdField() referralId!: string;
}
export class PreAssessmentInformationReceivedData implements DataOf<'PreAssessmentInformationReceived'> {
  @IdField() referralId!: string;
  @OneOf(PRE_ASSESSMENT_INFORMATION_SOURCES) from!: PreAssessmentInformationSource;
}
export class MdtTriageCompletedData implements DataOf<'MdtTriageCompleted'> {
  @IdField() referralId!: string;
  @OneOf(MDT_TRIAGE_OUTCOMES) outcome!: MdtTriageOutcome;
}
export class DiagnosticOutcomeRecordedData implements DataOf<'DiagnosticOutcomeRecorded'> {
  @IdField() referralId!: string;
  @OneOf(DIAGNOSTIC_OUTCOMES) outcome!: DiagnosticOutcome;
}
export class ReferralClosedData implements DataOf<'ReferralClosed'> {
  @IdField() referralId!: string;
  @ReasonField() reason!: string;
}

// EHC needs assessment
export class EhcNeedsAssessmentRequestedData implements DataOf<'EhcNeedsAssessmentRequested'> {
  @IdField() requestId!: string;
  @OneOf(EHC_REQUESTERS) requestedBy!: EhcRequester;
}
export class DecisionToAssessMadeData implements DataOf<'DecisionToAssessMade'> {
  @IdField() requestId!: string;
  @OneOf(DECISIONS_TO_ASSESS) decision!: DecisionToAssess;
}
export class AdviceRequestedData implements DataOf<'AdviceRequested'> {
  @IdField() requestId!: string;
  @IdField() adviceId!: string;
  @OneOf(ADVICE_TYPES) adviceType!: AdviceType;
}
export class AdviceReceivedData implements DataOf<'AdviceReceived'> {
  @IdField() requestId!: string;
  @IdField() adviceId!: string;
}
export class TimescaleExceptionRecordedData implements DataOf<'TimescaleExceptionRecorded'> {
  @IdField() requestId!: string;
  @OneOf(TIMESCALE_EXCEPTIONS) exception!: TimescaleException;
}
export class RequestStepData implements DataOf<'DraftPlanIssued'> {
  @IdField() requestId!: string;
}
export class FinalPlanIssuedData implements DataOf<'FinalPlanIssued'> {
  @IdField() requestId!: string;
  @PlaceField() placement!: string;
}

// Re-assessment (reg 24–27), placements and personal budgets
export class ReassessmentRequestedData implements DataOf<'ReassessmentRequested'> {
  @IdField() requestId!: string;
  @OneOf(EHC_REQUESTERS) requestedBy!: EhcRequester;
}
export class ReassessmentDecisionMadeData implements DataOf<'ReassessmentDecisionMade'> {
  @IdField() requestId!: string;
  @OneOf(DECISIONS_TO_REASSESS) decision!: DecisionToReassess;
}
/** At most one of urn, ukprn and setting says where the child is placed (see DATA_COMBINATION_RULES). */
export class PlacementNamedData implements DataOf<'PlacementNamed'> {
  @IdField() placementId!: string;
  @IdField({ optional: true }) requestId?: string;
  @CodeField(URN_PATTERN, "a school's unique reference number (URN): exactly 6 digits (e.g. 123456)", { optional: true }) urn?: string;
  @CodeField(UKPRN_PATTERN, "a college's or provider's UK provider reference number (UKPRN): exactly 8 digits (e.g. 10012345)", { optional: true })
  ukprn?: string;
  @OneOf(PLACEMENT_SETTINGS, { optional: true }) setting?: PlacementSetting;
  @CalendarDate() startedOn!: string;
  @CalendarDate({ optional: true, notBefore: 'startedOn' }) endedOn?: string;
  @WholeNumberField(1, 'a whole number, 1 or more (1 = the main placement)') rank!: number;
}
export class PersonalBudgetAgreedData implements DataOf<'PersonalBudgetAgreed'> {
  @OneOf(PERSONAL_BUDGET_KINDS) kind!: PersonalBudgetKind;
}

// Mediation and appeals to the First-tier Tribunal (SEND)
export class MediationRecordedData implements DataOf<'MediationRecorded'> {
  @IdField() mediationId!: string;
  @OneOf(MEDIATION_SUBJECTS) about!: MediationSubject;
  @IdField({ optional: true }) requestId?: string;
}
export class AppealLodgedData implements DataOf<'AppealLodged'> {
  @IdField() appealId!: string;
  @OneOf(APPEAL_GROUNDS) against!: AppealGround;
  @IdField({ optional: true }) requestId?: string;
}
export class AppealConcededData implements DataOf<'AppealConceded'> {
  @IdField() appealId!: string;
}
export class AppealDecidedData implements DataOf<'AppealDecided'> {
  @IdField() appealId!: string;
  @OneOf(APPEAL_OUTCOMES) outcome!: AppealOutcome;
}

// Annual review
export class NoData implements DataOf<'AnnualReviewMeetingHeld'> {
  readonly [field: string]: never;
}
export class AnnualReviewDecisionMadeData implements DataOf<'AnnualReviewDecisionMade'> {
  @OneOf(ANNUAL_REVIEW_DECISIONS) decision!: AnnualReviewDecision;
}
export class AmendedPlanIssuedData implements DataOf<'AmendedPlanIssued'> {
  @PlaceField() placement!: string;
  @BooleanField({ optional: true }) phaseTransfer?: boolean;
}
export class ReasonData implements DataOf<'PlanCeased'> {
  @ReasonField() reason!: string;
}

// Inclusion
export class SuspensionRecordedData implements DataOf<'SuspensionRecorded'> {
  @IdField() suspensionId!: string;
  @PlaceField() school!: string;
  @SchoolDaysField() schoolDays!: number;
  @OneOf(EXCLUSION_REASONS) reason!: ExclusionReason;
}
export class SuspensionRescindedData implements DataOf<'SuspensionRescinded'> {
  @IdField() suspensionId!: string;
}
export class PermanentExclusionRecordedData implements DataOf<'PermanentExclusionRecorded'> {
  @IdField() exclusionId!: string;
  @PlaceField() school!: string;
  @OneOf(EXCLUSION_REASONS) reason!: ExclusionReason;
}
export class PermanentExclusionOverturnedData implements DataOf<'PermanentExclusionOverturned'> {
  @IdField() exclusionId!: string;
}
export class PartTimeTimetableData implements DataOf<'PartTimeTimetableStarted'> {
  @PlaceField() school!: string;
}

// Any stage
export class EventVoidedData implements DataOf<'EventVoided'> {
  @IdField() eventId!: string;
  @ReasonField() reason!: string;
}

/** Which class validates the `data` of each event type. */
export const EVENT_DATA_CLASSES = {
  ChildRegistered: ChildRegisteredData,
  ChildDetailsChanged: ChildDetailsChangedData,
  ReferralReceived: ReferralReceivedData,
  PreAssessmentStarted: ReferralStepData,
  PreAssessmentInformationReceived: PreAssessmentInformationReceivedData,
  MdtTriageCompleted: MdtTriageCompletedData,
  InitialAppointmentHeld: ReferralStepData,
  DiagnosticOutcomeRecorded: DiagnosticOutcomeRecordedData,
  ReferralClosed: ReferralClosedData,
  EhcNeedsAssessmentRequested: EhcNeedsAssessmentRequestedData,
  DecisionToAssessMade: DecisionToAssessMadeData,
  AdviceRequested: AdviceRequestedData,
  AdviceReceived: AdviceReceivedData,
  TimescaleExceptionRecorded: TimescaleExceptionRecordedData,
  DecisionNotToIssuePlan: RequestStepData,
  DraftPlanIssued: RequestStepData,
  FinalPlanIssued: FinalPlanIssuedData,
  ReassessmentRequested: ReassessmentRequestedData,
  ReassessmentDecisionMade: ReassessmentDecisionMadeData,
  PlacementNamed: PlacementNamedData,
  PersonalBudgetAgreed: PersonalBudgetAgreedData,
  MediationRecorded: MediationRecordedData,
  AppealLodged: AppealLodgedData,
  AppealConceded: AppealConcededData,
  AppealDecided: AppealDecidedData,
  AnnualReviewMeetingHeld: NoData,
  AnnualReviewDecisionMade: AnnualReviewDecisionMadeData,
  AmendedPlanIssued: AmendedPlanIssuedData,
  PlanCeased: ReasonData,
  SuspensionRecorded: SuspensionRecordedData,
  SuspensionRescinded: SuspensionRescindedData,
  PermanentExclusionRecorded: PermanentExclusionRecordedData,
  PermanentExclusionOverturned: PermanentExclusionOverturnedData,
  PartTimeTimetableStarted: PartTimeTimetableData,
  PartTimeTimetableEnded: PartTimeTimetableData,
  EventVoided: EventVoidedData,
  CaseClosed: ReasonData,
} satisfies { readonly [T in JourneyEventType]: new () => DataOf<T> };

/*
 * `implements` lets a class accept a field its event does not have; such a field would be stored without the
 * domain knowing it. This alias fails to compile, naming the field, when any class accepts one.
 */
type FieldsOutsideTheEvent<T extends JourneyEventType> = Exclude<keyof InstanceType<(typeof EVENT_DATA_CLASSES)[T]> & string, keyof DataOf<T>>;
type NoFieldsOutside<F> = [F] extends [never] ? true : { acceptedButNotInTheEvent: F };
type Holds<T extends true> = T;
export type DataClassesAcceptOnlyTheEventsFields = Holds<NoFieldsOutside<{ [T in JourneyEventType]: FieldsOutsideTheEvent<T> }[JourneyEventType]>>;

/** Types whose `data` may be omitted (nothing to say). */
export const TYPES_WITHOUT_DATA: ReadonlySet<JourneyEventType> = new Set(['AnnualReviewMeetingHeld']);

const CHILD_DETAILS = [
  'school',
  'area',
  'caseworker',
  'sex',
  'ethnicity',
  'postcode',
  'senNeeds',
] as const satisfies readonly (keyof DataOf<'ChildDetailsChanged'>)[];
const PLACE_CODES = ['urn', 'ukprn', 'setting'] as const satisfies readonly (keyof DataOf<'PlacementNamed'>)[];

/**
 * Rules about a type's data as a whole, checked once every field is well formed: the first problem found,
 * or undefined. Keyed by type so the pipe applies them without knowing any event.
 */
export const DATA_COMBINATION_RULES: Partial<Record<JourneyEventType, (data: Readonly<Record<string, unknown>>) => FieldProblem | undefined>> = {
  ChildDetailsChanged: (data) =>
    CHILD_DETAILS.some((field) => data[field] !== undefined)
      ? undefined
      : { field: 'data', message: `ChildDetailsChanged needs at least one of ${CHILD_DETAILS.map((f) => `data.${f}`).join(', ')}` },
  // SEN2 module 4b: a placement is a school (URN), a college or provider (UKPRN), or a setting code, never two.
  // One named before its URN is known is recorded, and listed among the SEN2 return's problems until it is.
  PlacementNamed: (data) => {
    const given = PLACE_CODES.filter((field) => data[field] !== undefined);
    if (given.length <= 1) return undefined;
    const choice = 'data.urn (a school), data.ukprn (a college or provider) or data.setting (an SEN2 setting code)';
    return { field: 'data', message: `PlacementNamed takes only one of ${choice}; ${given.map((f) => `data.${f}`).join(' and ')} were both given` };
  },
};
