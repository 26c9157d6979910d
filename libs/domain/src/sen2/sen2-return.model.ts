import type { LocalDate, PlacementSetting, SenNeedType } from '../events';
import type { Sen2CeaseReason, Sen2Outcome, Sen2RequestSource, Sen2ReviewOutcome, Sen2Sex } from './sen2-codes';

/**
 * The SEN2 person-level return as typed rows, nested as DfE's file nests them: a person's requests; under a
 * request its assessment (then the named plan and the plan's placements) and, when the plan is active on the
 * census date, the active plan (its placements in force and the child's needs). Item names are DfE's
 * (docs/sen2.md); `null` means the item is left out. Every row also carries `area`, the area the child was in
 * on the date that matters for it (docs/domain-rules.md §6), which never goes into the files.
 */
export interface Sen2Return {
  readonly header: Sen2Header;
  readonly persons: readonly Sen2Person[];
}

/** Module 0, the header. */
export interface Sen2Header {
  readonly collection: 'SEN2';
  /** The collection's year: the January the census falls in (`year` + 1). */
  readonly year: number;
  readonly referenceDate: LocalDate;
  readonly sourceLevel: 'L';
  /** The LA's three-digit code; null when not configured (a problem for the return). */
  readonly lea: string | null;
  readonly softwareCode: string;
  readonly release: string;
  readonly serialNo: number;
  /** When the file was made (ISO instant without milliseconds). */
  readonly dateTime: string;
}

/** Module 1, one per child in the return. */
export interface Sen2Person {
  /** The engine's child id: links the module CSVs, never in the XML. */
  readonly childId: string;
  readonly surname: string | null;
  readonly forename: string | null;
  readonly personBirthDate: LocalDate | null;
  readonly sex: Sen2Sex | null;
  readonly ethnicity: string | null;
  readonly postCode: string | null;
  readonly upn: string | null;
  readonly upnUnknown: string | null;
  readonly requests: readonly Sen2Request[];
}

/** Module 2, a request for an EHC needs assessment or a re-assessment. */
export interface Sen2Request {
  readonly requestId: string;
  readonly area: string | null;
  readonly receivedDate: LocalDate;
  readonly requestSource: Sen2RequestSource;
  /**
   * RYA: 1 when the initial request was made while the child or young person was detained in relevant youth
   * accommodation (CFA 2014 Part 3, detained persons), else 0. The engine records no detention, so it is always 0.
   */
  readonly rya: 0;
  readonly requestOutcomeDate: LocalDate | null;
  readonly requestOutcome: Sen2Outcome;
  readonly requestMediation: 0 | 1;
  readonly requestTribunal: 0 | 1;
  readonly assessment: Sen2Assessment | null;
  readonly activePlan: Sen2ActivePlan | null;
}

/** Module 3, the assessment that followed a request. */
export interface Sen2Assessment {
  readonly area: string | null;
  readonly assessmentOutcome: Sen2Outcome;
  readonly assessmentOutcomeDate: LocalDate | null;
  readonly assessmentMediation: 0 | 1;
  readonly assessmentTribunal: 0 | 1;
  readonly otherMediation: 0 | 1;
  readonly otherTribunal: 0 | 1;
  /** 1 when a reg 10(4) exception applies to the request (docs/domain-rules.md §4.3). */
  readonly week20: 0 | 1;
  readonly namedPlan: Sen2NamedPlan | null;
}

/** Module 4a, the plan the assessment led to. */
export interface Sen2NamedPlan {
  readonly area: string | null;
  readonly startDate: LocalDate;
  readonly pb: 0 | 1;
  readonly oa: 0 | 1;
  readonly dp: 0 | 1;
  readonly ceaseDate: LocalDate | null;
  readonly ceaseReason: Sen2CeaseReason | null;
  /** How the plan ended, when it did: ceased (CFA 2014 s.45) or replaced by a re-assessment's plan (reg 27). */
  readonly endedAs: 'ceased' | 'replaced' | null;
  readonly planDetails: readonly Sen2Placement[];
}

/** Modules 4b and 5b: a school, college or setting named in the plan. */
export interface Sen2Placement {
  readonly placementId: string;
  readonly urn: string | null;
  readonly ukprn: string | null;
  readonly senSetting: PlacementSetting | null;
  readonly placementRank: number;
  /** Not recorded by the engine: 0 whenever an establishment is given (docs/sen2.md). */
  readonly senUnitIndicator: 0 | null;
  readonly resourcedProvisionIndicator: 0 | null;
  /** Module 5b only. */
  readonly entryDate: LocalDate | null;
  readonly leavingDate: LocalDate | null;
}

/** Module 5a, the plan in force on the census date. */
export interface Sen2ActivePlan {
  readonly area: string | null;
  readonly reviewMeeting: LocalDate | null;
  readonly reviewOutcome: Sen2ReviewOutcome | null;
  readonly lastReview: LocalDate | null;
  readonly phaseTransferDueDate: LocalDate | null;
  readonly phaseTransferFinalDate: LocalDate | null;
  readonly placementDetails: readonly Sen2Placement[];
  readonly senNeeds: readonly Sen2Need[];
}

/** Module 5c. */
export interface Sen2Need {
  readonly senType: SenNeedType;
  readonly senTypeRank: number;
}
