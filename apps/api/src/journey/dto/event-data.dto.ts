import {
  ADVICE_TYPES,
  ANNUAL_REVIEW_DECISIONS,
  DECISIONS_TO_ASSESS,
  DIAGNOSTIC_OUTCOMES,
  EHC_REQUESTERS,
  EXCLUSION_REASONS,
  isValidNhsNumber,
  MDT_TRIAGE_OUTCOMES,
  PRE_ASSESSMENT_INFORMATION_SOURCES,
  REFERRAL_SERVICES,
  REFERRAL_SOURCES,
  TIMESCALE_EXCEPTIONS,
  type JourneyEventType,
} from '@sj/domain';
import {
  BooleanField,
  IdField,
  NameField,
  NhsNumberField,
  OneOf,
  PastOrTodayDate,
  PlaceField,
  ReasonField,
  SchoolDaysField,
  UpnField,
} from './field-rules';

/** The `data` of each journey event type (docs/domain-rules.md §3): one class per type. */

// Child
export class ChildRegisteredData {
  @NameField() givenName!: string;
  @NameField() familyName!: string;
  @PastOrTodayDate() dateOfBirth!: string;
  @PlaceField() area!: string;
  @NhsNumberField(isValidNhsNumber) nhsNumber?: string;
  @UpnField() upn?: string;
  @PlaceField({ optional: true }) school?: string;
  @IdField({ optional: true }) caseworker?: string;
}
export class ChildDetailsChangedData {
  @PlaceField({ optional: true }) school?: string;
  @PlaceField({ optional: true }) area?: string;
  @IdField({ optional: true }) caseworker?: string;
}

// Referrals and the ASD pathway
export class ReferralReceivedData {
  @IdField() referralId!: string;
  @OneOf(REFERRAL_SERVICES) service!: string;
  @OneOf(REFERRAL_SOURCES) source!: string;
}
export class ReferralStepData {
  @IdField() referralId!: string;
}
export class PreAssessmentInformationReceivedData {
  @IdField() referralId!: string;
  @OneOf(PRE_ASSESSMENT_INFORMATION_SOURCES) from!: string;
}
export class MdtTriageCompletedData {
  @IdField() referralId!: string;
  @OneOf(MDT_TRIAGE_OUTCOMES) outcome!: string;
}
export class DiagnosticOutcomeRecordedData {
  @IdField() referralId!: string;
  @OneOf(DIAGNOSTIC_OUTCOMES) outcome!: string;
}
export class ReferralClosedData {
  @IdField() referralId!: string;
  @ReasonField() reason!: string;
}

// EHC needs assessment
export class EhcNeedsAssessmentRequestedData {
  @IdField() requestId!: string;
  @OneOf(EHC_REQUESTERS) requestedBy!: string;
}
export class DecisionToAssessMadeData {
  @IdField() requestId!: string;
  @OneOf(DECISIONS_TO_ASSESS) decision!: string;
}
export class AdviceRequestedData {
  @IdField() requestId!: string;
  @IdField() adviceId!: string;
  @OneOf(ADVICE_TYPES) adviceType!: string;
}
export class AdviceReceivedData {
  @IdField() requestId!: string;
  @IdField() adviceId!: string;
}
export class TimescaleExceptionRecordedData {
  @IdField() requestId!: string;
  @OneOf(TIMESCALE_EXCEPTIONS) exception!: string;
}
export class RequestStepData {
  @IdField() requestId!: string;
}
export class FinalPlanIssuedData {
  @IdField() requestId!: string;
  @PlaceField() placement!: string;
}

// Annual review
export class NoData {}
export class AnnualReviewDecisionMadeData {
  @OneOf(ANNUAL_REVIEW_DECISIONS) decision!: string;
}
export class AmendedPlanIssuedData {
  @PlaceField() placement!: string;
  @BooleanField({ optional: true }) phaseTransfer?: boolean;
}
export class ReasonData {
  @ReasonField() reason!: string;
}

// Inclusion
export class SuspensionRecordedData {
  @IdField() suspensionId!: string;
  @PlaceField() school!: string;
  @SchoolDaysField() schoolDays!: number;
  @OneOf(EXCLUSION_REASONS) reason!: string;
}
export class SuspensionRescindedData {
  @IdField() suspensionId!: string;
}
export class PermanentExclusionRecordedData {
  @IdField() exclusionId!: string;
  @PlaceField() school!: string;
  @OneOf(EXCLUSION_REASONS) reason!: string;
}
export class PermanentExclusionOverturnedData {
  @IdField() exclusionId!: string;
}
export class PartTimeTimetableData {
  @PlaceField() school!: string;
}

// Any stage
export class EventVoidedData {
  @IdField() eventId!: string;
  @ReasonField() reason!: string;
}

/** Which class validates the `data` of each event type. */
export const EVENT_DATA_CLASSES: { readonly [T in JourneyEventType]: new () => object } = {
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
};

/** Types whose `data` may be omitted (nothing to say). */
export const TYPES_WITHOUT_DATA: ReadonlySet<JourneyEventType> = new Set(['AnnualReviewMeetingHeld']);
