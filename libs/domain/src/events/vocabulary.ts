/**
 * Closed vocabularies of docs/domain-rules.md §3. Each list is the single source for
 * both the TypeScript types and the API's input validation.
 */
export const REFERRAL_SERVICES = ['autism-assessment', 'camhs', 'speech-and-language', 'occupational-therapy', 'physiotherapy', 'portage'] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

export const REFERRAL_SOURCES = ['parent', 'school', 'gp', 'health-visitor', 'paediatrics', 'social-care', 'other'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const PRE_ASSESSMENT_INFORMATION_SOURCES = ['school', 'health', 'social-care', 'parent', 'other'] as const;
export type PreAssessmentInformationSource = (typeof PRE_ASSESSMENT_INFORMATION_SOURCES)[number];

export const MDT_TRIAGE_OUTCOMES = ['accepted', 'not-accepted', 'more-information-needed'] as const;
export type MdtTriageOutcome = (typeof MDT_TRIAGE_OUTCOMES)[number];

export const DIAGNOSTIC_OUTCOMES = ['autism-diagnosed', 'not-diagnosed', 'inconclusive'] as const;
export type DiagnosticOutcome = (typeof DIAGNOSTIC_OUTCOMES)[number];

export const EHC_REQUESTERS = ['parent', 'young-person', 'school', 'early-years-setting', 'health', 'social-care', 'other'] as const;
export type EhcRequester = (typeof EHC_REQUESTERS)[number];

export const DECISIONS_TO_ASSESS = ['assess', 'not-assess'] as const;
export type DecisionToAssess = (typeof DECISIONS_TO_ASSESS)[number];

export const DECISIONS_TO_REASSESS = ['reassess', 'not-reassess'] as const;
export type DecisionToReassess = (typeof DECISIONS_TO_REASSESS)[number];

export const ADVICE_TYPES = ['educational-psychology', 'health', 'social-care', 'education', 'other'] as const;
export type AdviceType = (typeof ADVICE_TYPES)[number];

/** reg 10(4)(a)–(d) */
export const TIMESCALE_EXCEPTIONS = ['school-closure', 'early-years-closure', 'exceptional-personal-circumstances', 'absent-from-area'] as const;
export type TimescaleException = (typeof TIMESCALE_EXCEPTIONS)[number];

export const ANNUAL_REVIEW_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type AnnualReviewDecision = (typeof ANNUAL_REVIEW_DECISIONS)[number];

/** DfE school census categories for suspensions and permanent exclusions. */
export const EXCLUSION_REASONS = [
  'physical-assault-against-pupil',
  'physical-assault-against-adult',
  'verbal-abuse-against-pupil',
  'verbal-abuse-against-adult',
  'offensive-weapon',
  'bullying',
  'racist-abuse',
  'abuse-sexual-orientation-or-gender-identity',
  'abuse-relating-to-disability',
  'sexual-misconduct',
  'drug-and-alcohol',
  'damage',
  'theft',
  'online-misuse',
  'persistent-disruptive-behaviour',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Free-text reasons (ReferralClosed, PlanCeased, EventVoided, CaseClosed) are 1–500 characters. */
export const FREE_TEXT_REASON_MAX_LENGTH = 500;

/** A suspension is 0.5 to 45 school days in half days (a lunchtime counts 0.5). */
export const SUSPENSION_DAYS_MIN = 0.5;
export const SUSPENSION_DAYS_MAX = 45;

/** Sex as the SEN2 return records it. */
export const SEXES = ['female', 'male', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** SEN2 need types, ranked on a child (first = primary need). */
export const SEN_NEED_TYPES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH'] as const;
export type SenNeedType = (typeof SEN_NEED_TYPES)[number];

/** SEN2 codes for a placement that is not a school or college with a URN or UKPRN. */
export const PLACEMENT_SETTINGS = ['OLA', 'OPA', 'EHE', 'EYP', 'OTH', 'NEET', 'NIEC', 'NIEO'] as const;
export type PlacementSetting = (typeof PLACEMENT_SETTINGS)[number];

/** Personal budgets (CFA 2014 s.49): arrangements the LA organises, direct payments, or both. */
export const PERSONAL_BUDGET_KINDS = ['organised-arrangements', 'direct-payments', 'both'] as const;
export type PersonalBudgetKind = (typeof PERSONAL_BUDGET_KINDS)[number];

export const MEDIATION_SUBJECTS = ['request', 'assessment', 'plan'] as const;
export type MediationSubject = (typeof MEDIATION_SUBJECTS)[number];

/** What a First-tier Tribunal (SEND) appeal is against (CFA 2014 s.51). */
export const APPEAL_GROUNDS = [
  'refusal-to-assess',
  'refusal-to-reassess',
  'refusal-to-issue',
  'plan-contents',
  'placement',
  'refusal-to-amend',
  'cease',
] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

export const APPEAL_OUTCOMES = ['dismissed', 'upheld', 'withdrawn'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** A DfE ethnicity code (school census), e.g. WBRI, MWBC, AIND: four upper-case letters. */
export const ETHNICITY_CODE_PATTERN = /^[A-Z]{4}$/;
/** A UK postcode, e.g. TA1 1AA. */
export const POSTCODE_PATTERN = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;
/** A school's URN (6 digits) and a provider's UKPRN (8 digits). */
export const URN_PATTERN = /^[0-9]{6}$/;
export const UKPRN_PATTERN = /^[0-9]{8}$/;
