import type {
  AdviceType,
  AnnualReviewDecision,
  AppealGround,
  AppealOutcome,
  DecisionToAssess,
  DecisionToReassess,
  DiagnosticOutcome,
  EhcRequester,
  ExclusionReason,
  JourneyEventType,
  MdtTriageOutcome,
  MediationSubject,
  PersonalBudgetKind,
  PlacementSetting,
  PreAssessmentInformationSource,
  ReferralService,
  ReferralSource,
  SenNeedType,
  Sex,
  TimescaleException,
} from '@sj/domain';
import { EVENT_WORDS, longDate } from '../words';

/*
 * The closed vocabularies of docs/domain-rules.md §3 as a caseworker says them. Each table is keyed by its
 * vocabulary's type, so a value added to the domain does not compile until it has words here.
 */

export const REFERRAL_SERVICE_WORDS: Readonly<Record<ReferralService, string>> = {
  'autism-assessment': 'Autism assessment',
  camhs: 'Child and adolescent mental health services (CAMHS)',
  'speech-and-language': 'Speech and language therapy',
  'occupational-therapy': 'Occupational therapy',
  physiotherapy: 'Physiotherapy',
  portage: 'Portage (home visiting for young children)',
};

export const REFERRAL_SOURCE_WORDS: Readonly<Record<ReferralSource, string>> = {
  parent: 'A parent or carer',
  school: 'The school',
  gp: 'A GP',
  'health-visitor': 'A health visitor',
  paediatrics: 'Paediatrics',
  'social-care': 'Social care',
  other: 'Someone else',
};

export const INFORMATION_SOURCE_WORDS: Readonly<Record<PreAssessmentInformationSource, string>> = {
  school: 'The school',
  health: 'Health services',
  'social-care': 'Social care',
  parent: 'A parent or carer',
  other: 'Someone else',
};

export const TRIAGE_OUTCOME_WORDS: Readonly<Record<MdtTriageOutcome, string>> = {
  accepted: 'Accepted for assessment',
  'not-accepted': 'Not accepted',
  'more-information-needed': 'More information needed',
};

export const DIAGNOSTIC_OUTCOME_WORDS: Readonly<Record<DiagnosticOutcome, string>> = {
  'autism-diagnosed': 'Autism diagnosed',
  'not-diagnosed': 'Autism not diagnosed',
  inconclusive: 'Inconclusive',
};

export const REQUESTER_WORDS: Readonly<Record<EhcRequester, string>> = {
  parent: 'A parent or carer',
  'young-person': 'The young person',
  school: 'The school',
  'early-years-setting': 'An early years setting',
  health: 'Health services',
  'social-care': 'Social care',
  other: 'Someone else',
};

export const DECISION_TO_ASSESS_WORDS: Readonly<Record<DecisionToAssess, string>> = {
  assess: 'Yes, the council will assess',
  'not-assess': 'No, the council will not assess',
};

export const DECISION_TO_REASSESS_WORDS: Readonly<Record<DecisionToReassess, string>> = {
  reassess: 'Yes, the council will reassess',
  'not-reassess': 'No, the council will not reassess',
};

export const ADVICE_TYPE_WORDS: Readonly<Record<AdviceType, string>> = {
  'educational-psychology': 'Educational psychology',
  health: 'Health',
  'social-care': 'Social care',
  education: 'Education',
  other: 'Other advice',
};

/** reg 10(4)(a)–(d): the only reasons the time limits do not apply. */
export const TIMESCALE_EXCEPTION_WORDS: Readonly<Record<TimescaleException, string>> = {
  'school-closure': 'Advice was asked of a school or college around a closure of 4 weeks or more (such as the summer holiday)',
  'early-years-closure': 'Advice was asked of an early years provider around a closure of 4 weeks or more',
  'exceptional-personal-circumstances': 'Exceptional personal circumstances of the child, the parent or the young person',
  'absent-from-area': 'The child, the parent or the young person is away from the area for 4 weeks or more',
};

export const ANNUAL_REVIEW_DECISION_WORDS: Readonly<Record<AnnualReviewDecision, string>> = {
  maintain: 'Keep the plan as it is',
  amend: 'Amend the plan',
  cease: 'Stop maintaining the plan',
};

export const EXCLUSION_REASON_WORDS: Readonly<Record<ExclusionReason, string>> = {
  'physical-assault-against-pupil': 'Physical assault against a pupil',
  'physical-assault-against-adult': 'Physical assault against an adult',
  'verbal-abuse-against-pupil': 'Verbal abuse or threatening behaviour against a pupil',
  'verbal-abuse-against-adult': 'Verbal abuse or threatening behaviour against an adult',
  'offensive-weapon': 'Use or threat of use of an offensive weapon',
  bullying: 'Bullying',
  'racist-abuse': 'Racist abuse',
  'abuse-sexual-orientation-or-gender-identity': 'Abuse against sexual orientation or gender identity',
  'abuse-relating-to-disability': 'Abuse relating to disability',
  'sexual-misconduct': 'Sexual misconduct',
  'drug-and-alcohol': 'Drug and alcohol related',
  damage: 'Damage to property',
  theft: 'Theft',
  'online-misuse': 'Inappropriate use of social media or online technology',
  'persistent-disruptive-behaviour': 'Persistent disruptive behaviour',
};

export const SEX_WORDS: Readonly<Record<Sex, string>> = { female: 'Female', male: 'Male', unknown: 'Not known' };

export const SEN_NEED_WORDS: Readonly<Record<SenNeedType, string>> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Visual impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autism',
  DS: 'Down syndrome',
  OTH: 'Other difficulty or disability',
};

/**
 * SEN2 setting codes, for a placement that is not a school or college with a URN or UKPRN (the SEN2 guide's
 * items 4.7c and 5.7c; docs/sen2.md cites the sources). OLA and OPA are the CFA 2014 s.61 and s.42(5) arrangements.
 */
export const PLACEMENT_SETTING_WORDS: Readonly<Record<PlacementSetting, string>> = {
  OLA: 'Education the council arranges outside a school or college (section 61)',
  OPA: 'Arrangements the parents or young person make themselves, not home education',
  EHE: 'Elective home education',
  EYP: 'Early years provider without a URN',
  OTH: 'A type of setting named in the plan, but no particular one',
  NEET: 'Not in education, employment or training (aged 16 to 25)',
  NIEC: 'Not in education or training: notice given to stop the plan',
  NIEO: 'Not in education or training: another reason',
};

export const BUDGET_KIND_WORDS: Readonly<Record<PersonalBudgetKind, string>> = {
  'organised-arrangements': 'Arrangements the council organises',
  'direct-payments': 'Direct payments',
  both: 'Both',
};

export const MEDIATION_SUBJECT_WORDS: Readonly<Record<MediationSubject, string>> = {
  request: 'The decision about the request',
  assessment: 'The assessment',
  plan: 'The plan',
};

/** What an appeal to the First-tier Tribunal (SEND) is against (CFA 2014 s.51). */
export const APPEAL_GROUND_WORDS: Readonly<Record<AppealGround, string>> = {
  'refusal-to-assess': 'A refusal to assess',
  'refusal-to-reassess': 'A refusal to reassess',
  'refusal-to-issue': 'A refusal to issue a plan',
  'plan-contents': "What the plan says about the child's needs or provision",
  placement: 'The school or placement named in the plan',
  'refusal-to-amend': 'A refusal to amend the plan',
  cease: 'A decision to stop maintaining the plan',
};

export const APPEAL_OUTCOME_WORDS: Readonly<Record<AppealOutcome, string>> = {
  dismissed: 'Dismissed',
  upheld: 'Upheld',
  withdrawn: 'Withdrawn',
};

/**
 * The DfE main ethnicity codes the school census, the CIN census and SEN2 share (four capital letters; docs/sen2.md
 * cites the sources); the field also keeps any other code it was given.
 */
export const ETHNICITY_WORDS: Readonly<Record<string, string>> = {
  WBRI: 'White: British',
  WIRI: 'White: Irish',
  WIRT: 'White: Traveller of Irish heritage',
  WROM: 'White: Gypsy or Roma',
  WOTH: 'White: any other White background',
  MWBC: 'Mixed: White and Black Caribbean',
  MWBA: 'Mixed: White and Black African',
  MWAS: 'Mixed: White and Asian',
  MOTH: 'Mixed: any other mixed background',
  AIND: 'Asian or Asian British: Indian',
  APKN: 'Asian or Asian British: Pakistani',
  ABAN: 'Asian or Asian British: Bangladeshi',
  AOTH: 'Asian or Asian British: any other Asian background',
  BCRB: 'Black or Black British: Caribbean',
  BAFR: 'Black or Black British: African',
  BOTH: 'Black or Black British: any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Not yet obtained',
};

const EVENT_TYPE = new RegExp(`\\b(${Object.keys(EVENT_WORDS).join('|')})\\b`, 'g');
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;

/**
 * A refusal's message as a caseworker reads it: the domain writes event types by their names in the log
 * ("ReferralReceived") and dates as stored; the pages say "Referral received" and "12 March 2026".
 */
export function inWords(message: string): string {
  return message
    .replace(EVENT_TYPE, (type: string, _name: string, at: number) => {
      const words = (EVENT_WORDS as Readonly<Record<string, string>>)[type] ?? type;
      return at === 0 ? words : `"${words.toLowerCase()}"`;
    })
    .replace(ISO_DATE, (date) => longDate(date));
}

/** An event type as a caseworker names it. */
export const eventWords = (type: JourneyEventType): string => EVENT_WORDS[type];
