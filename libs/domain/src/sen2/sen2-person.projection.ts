import type {
  AppealGround,
  JourneyEventType,
  LocalDate,
  MediationSubject,
  PersonalBudgetKind,
  PlacementNamed,
  RecordedJourneyEvent,
  SenNeedType,
  Sex,
} from '../events';
import { addMonths, compareDates, schoolYearEnd, schoolYearOf, schoolYearStart } from '../dates';
import { areaHistory, areaInHistoryOn } from '../areas';
import { DEFAULT_CLOCK_CONFIG, type ClockConfig, type ClockView } from '../clocks/clock';
import { eventsAsOf } from '../clocks/events-as-of';
import { ehcRequests, exceptionGoverns, type EhcRequestFacts } from '../clocks/ehc-requests';
import { planHistory, type PlanFacts } from '../clocks/plan-history';
import { computeClocks } from '../clocks/compute-clocks';
import {
  SEN2_REQUEST_SOURCE,
  SEN2_REVIEW_OUTCOME,
  SEN2_SEX,
  SEN2_UPN_UNKNOWN_UNDER_SIX,
  sen2CeaseReasonOf,
  sen2PersonalBudget,
  type Sen2Outcome,
} from './sen2-codes';
import { sen2Period } from './sen2-census-date';
import type { Sen2ActivePlan, Sen2Assessment, Sen2NamedPlan, Sen2Person, Sen2Placement, Sen2Request } from './sen2-return.model';

/** Appeals the return counts on the request, on the assessment, and as "other" (about the plan once made). */
const REQUEST_APPEALS: readonly AppealGround[] = ['refusal-to-assess', 'refusal-to-reassess'];
const ASSESSMENT_APPEALS: readonly AppealGround[] = ['refusal-to-issue'];
const PLAN_APPEALS: readonly AppealGround[] = ['plan-contents', 'placement', 'refusal-to-amend', 'cease'];

interface PlanExtras {
  ceasedReason: string | null;
  budget: PersonalBudgetKind | null;
}

/** What one pass over the child's timeline gathers beside planHistory and ehcRequests. */
interface ChildFacts {
  registration: { givenName: string | null; familyName: string | null; dateOfBirth: LocalDate | null; upn: string | null } | null;
  sex: Sex | null;
  ethnicity: string | null;
  postcode: string | null;
  senNeeds: readonly SenNeedType[];
  caseClosedOn: LocalDate | null;
  /** Requests the LA decided to assess or re-assess, first time or after an appeal reopened them. */
  assessed: Set<string>;
  /** Index (into planHistory) of each plan, with what ended it and its personal budget. */
  planExtras: PlanExtras[];
  placements: Map<string, { data: PlacementNamed['data']; planIndex: number | null }>;
  /** Each mediation and appeal with the request it belongs to. */
  mediations: { requestId: string; about: MediationSubject }[];
  appeals: { requestId: string; against: AppealGround }[];
}

/**
 * The event types the return reads: the child's details and areas, requests and their decisions, plans, reviews,
 * placements, budgets, mediation and appeals, voids and closure. Referrals, advice and inclusion events play no
 * part, so a reader of the whole log may leave them out (one entry per type, so a new type must be decided on).
 */
export const SEN2_READS: Readonly<Record<JourneyEventType, boolean>> = {
  ChildRegistered: true,
  ChildDetailsChanged: true,
  ReferralReceived: false,
  PreAssessmentStarted: false,
  PreAssessmentInformationReceived: false,
  MdtTriageCompleted: false,
  InitialAppointmentHeld: false,
  DiagnosticOutcomeRecorded: false,
  ReferralClosed: false,
  EhcNeedsAssessmentRequested: true,
  DecisionToAssessMade: true,
  AdviceRequested: false,
  AdviceReceived: false,
  TimescaleExceptionRecorded: true,
  DecisionNotToIssuePlan: true,
  DraftPlanIssued: true,
  FinalPlanIssued: true,
  ReassessmentRequested: true,
  ReassessmentDecisionMade: true,
  PlacementNamed: true,
  PersonalBudgetAgreed: true,
  MediationRecorded: true,
  AppealLodged: true,
  AppealConceded: true,
  AppealDecided: true,
  AnnualReviewMeetingHeld: true,
  AnnualReviewDecisionMade: true,
  AmendedPlanIssued: true,
  PlanCeased: true,
  SuspensionRecorded: false,
  SuspensionRescinded: false,
  PermanentExclusionRecorded: false,
  PermanentExclusionOverturned: false,
  PartTimeTimetableStarted: false,
  PartTimeTimetableEnded: false,
  EventVoided: true,
  CaseClosed: true,
};

/**
 * One child's rows of the SEN2 return for calendar year `year` (docs/domain-rules.md §7), from their events as
 * of the census date; null when nothing about the child belongs in the return. Included: every request
 * received in the year, every request still undecided when the year began, and the request behind every plan
 * in force at some time from 1 January to the census date.
 */
export function sen2Person(
  childId: string,
  events: readonly RecordedJourneyEvent[],
  year: number,
  config: ClockConfig = DEFAULT_CLOCK_CONFIG,
): Sen2Person | null {
  // most children never had a request: nothing of theirs is in the return
  if (!events.some(({ event }) => event.type === 'EhcNeedsAssessmentRequested' || event.type === 'ReassessmentRequested')) return null;
  const period = sen2Period(year);
  const whole = eventsAsOf(events);
  const timeline = whole.filter(({ event }) => compareDates(event.occurredOn, period.census) <= 0 || event.type === 'ChildRegistered');
  const facts = gatherFacts(timeline);
  if (facts.registration === null) return null;
  const history = areaHistory(events);
  const areaOn = (date: LocalDate): string | null => areaInHistoryOn(history, date);
  const plans = planHistory(timeline);
  const transfer = plans.some((p) => p.endedOn === null) ? phaseTransferAtCensus(events, period.census, config) : null;

  const requests = ehcRequests(timeline).flatMap((request): Sen2Request[] => {
    const planIndex = lastIndexWhere(plans, (p) => p.requestId === request.requestId);
    const plan = planIndex === null ? null : plans[planIndex];
    const planReported = plan !== null && (plan.endedOn === null || compareDates(plan.endedOn, period.from) >= 0);
    if (!planReported && !requestBelongs(request, period.from, period.to, facts.caseClosedOn)) return [];
    const decision = request.decision;
    const outcome = outcomeOf(
      decision === null ? null : { on: decision.on, yes: decision.decision === 'assess' || decision.decision === 'reassess' },
      period.from,
      facts.caseClosedOn,
    );
    const mediated = (about: MediationSubject): 0 | 1 =>
      facts.mediations.some((m) => m.requestId === request.requestId && m.about === about) ? 1 : 0;
    const appealed = (grounds: readonly AppealGround[]): 0 | 1 =>
      facts.appeals.some((a) => a.requestId === request.requestId && grounds.includes(a.against)) ? 1 : 0;
    let assessment: Sen2Assessment | null = null;
    if (facts.assessed.has(request.requestId) || plan !== null) {
      const decided = assessmentOutcomeOf(request, period.from, facts.caseClosedOn);
      assessment = {
        ...decided,
        area: areaOn(decided.assessmentOutcomeDate ?? period.census),
        assessmentMediation: mediated('assessment'),
        assessmentTribunal: appealed(ASSESSMENT_APPEALS),
        otherMediation: mediated('plan'),
        otherTribunal: appealed(PLAN_APPEALS),
        week20: exceptionGoverns(request) ? 1 : 0,
        namedPlan: planReported && planIndex !== null ? namedPlanOf(plans[planIndex], facts, planIndex, areaOn) : null,
      };
    }
    const active = plan !== null && planIndex !== null && plan.endedOn === null;
    return [
      {
        requestId: request.requestId,
        area: areaOn(request.receivedOn),
        receivedDate: request.receivedOn,
        requestSource: SEN2_REQUEST_SOURCE[request.requestedBy],
        rya: 0,
        requestOutcomeDate: outcome.date,
        requestOutcome: outcome.outcome,
        requestMediation: mediated('request'),
        requestTribunal: appealed(REQUEST_APPEALS),
        assessment,
        activePlan: active ? activePlanOf(plan, planIndex, facts, transfer, period.census, areaOn(period.census)) : null,
      },
    ];
  });
  if (requests.length === 0) return null;

  const registration = facts.registration;
  const dateOfBirth = registration.dateOfBirth;
  const underSix = dateOfBirth !== null && compareDates(addMonths(dateOfBirth, 72), period.census) > 0;
  return {
    childId,
    surname: registration.familyName,
    forename: registration.givenName,
    personBirthDate: dateOfBirth,
    sex: facts.sex === null ? null : SEN2_SEX[facts.sex],
    ethnicity: facts.ethnicity,
    postCode: facts.postcode,
    upn: registration.upn,
    upnUnknown: registration.upn === null && underSix ? SEN2_UPN_UNKNOWN_UNDER_SIX : null,
    requests: requests.sort(
      (a, b) => compareDates(a.receivedDate, b.receivedDate) || (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0),
    ),
  };
}

/**
 * A request with no plan to report belongs to the year when it was received in it, or was still open when the
 * year began (its first ending step — a refusal, a decision not to issue, a final plan, the case closing — came
 * on or after 1 January, or has not come).
 */
function requestBelongs(request: EhcRequestFacts, from: LocalDate, to: LocalDate, caseClosedOn: LocalDate | null): boolean {
  if (compareDates(request.receivedOn, to) > 0) return false;
  if (compareDates(request.receivedOn, from) >= 0) return true;
  const refused =
    request.decision !== null && (request.decision.decision === 'not-assess' || request.decision.decision === 'not-reassess')
      ? request.decision.on
      : null;
  const ended = [refused, request.notToIssueOn, request.finalIssuedOn, caseClosedOn].filter((d): d is LocalDate => d !== null);
  return ended.every((d) => compareDates(d, from) >= 0);
}

/** Y/N with its date; H when decided before the collection year; W when the case closed first; A while undecided. */
function outcomeOf(
  decided: { on: LocalDate; yes: boolean } | null,
  from: LocalDate,
  caseClosedOn: LocalDate | null,
): { outcome: Sen2Outcome; date: LocalDate | null } {
  if (decided !== null) {
    if (compareDates(decided.on, from) < 0) return { outcome: 'H', date: null };
    return { outcome: decided.yes ? 'Y' : 'N', date: decided.on };
  }
  return { outcome: caseClosedOn === null ? 'A' : 'W', date: null };
}

/**
 * The decision whether to issue a plan: Y dated with the final plan's issue date (a draft alone means Y, not
 * yet dated); N dated with the decision not to issue; H when that happened before the collection year.
 */
function assessmentOutcomeOf(
  request: EhcRequestFacts,
  from: LocalDate,
  caseClosedOn: LocalDate | null,
): { assessmentOutcome: Sen2Outcome; assessmentOutcomeDate: LocalDate | null } {
  const decided =
    request.finalIssuedOn !== null
      ? { on: request.finalIssuedOn, yes: true }
      : request.notToIssueOn !== null
        ? { on: request.notToIssueOn, yes: false }
        : null;
  if (decided === null && request.draftsIssuedOn.length > 0) {
    const drafted = compareDates(request.draftsIssuedOn[0], from) < 0;
    return { assessmentOutcome: drafted ? 'H' : 'Y', assessmentOutcomeDate: null };
  }
  const { outcome, date } = outcomeOf(decided, from, caseClosedOn);
  return { assessmentOutcome: outcome, assessmentOutcomeDate: date };
}

function namedPlanOf(plan: PlanFacts, facts: ChildFacts, planIndex: number, areaOn: (d: LocalDate) => string | null): Sen2NamedPlan {
  const extras = facts.planExtras[planIndex];
  const ceased = extras.ceasedReason !== null;
  return {
    area: areaOn(plan.issuedOn),
    startDate: plan.issuedOn,
    ...sen2PersonalBudget(extras.budget),
    ceaseDate: plan.endedOn,
    ceaseReason: extras.ceasedReason === null ? null : sen2CeaseReasonOf(extras.ceasedReason),
    endedAs: plan.endedOn === null ? null : ceased ? 'ceased' : 'replaced',
    planDetails: placementsOf(facts, planIndex).map((p) => placementRow(p, false)),
  };
}

function activePlanOf(
  plan: PlanFacts,
  planIndex: number,
  facts: ChildFacts,
  transfer: ClockView | null,
  census: LocalDate,
  area: string | null,
): Sen2ActivePlan {
  const decided = plan.reviews.filter((cycle) => cycle.decision !== null).at(-1)?.decision ?? null;
  const meetings = plan.reviews.flatMap((cycle) => (cycle.meetingOn === null ? [] : [cycle.meetingOn]));
  const inForce = placementsOf(facts, planIndex).filter(
    (p) => compareDates(p.startedOn, census) <= 0 && (p.endedOn === undefined || compareDates(p.endedOn, census) >= 0),
  );
  return {
    area,
    reviewMeeting: meetings.at(-1) ?? null,
    reviewOutcome: decided === null ? null : SEN2_REVIEW_OUTCOME[decided.decision],
    lastReview: decided?.on ?? null,
    phaseTransferDueDate: transfer?.dueOn ?? null,
    phaseTransferFinalDate: transfer?.stoppedOn ?? null,
    placementDetails: inForce.map((p) => placementRow(p, true)),
    senNeeds: facts.senNeeds.map((senType, i) => ({ senType, senTypeRank: i + 1 })),
  };
}

/** The placements named for a plan: by its request, or (a change at review) while it was the plan in force. */
function placementsOf(facts: ChildFacts, planIndex: number): PlacementNamed['data'][] {
  return [...facts.placements.values()]
    .filter((p) => p.planIndex === planIndex)
    .map((p) => p.data)
    .sort((a, b) => a.rank - b.rank || (a.placementId < b.placementId ? -1 : a.placementId > b.placementId ? 1 : 0));
}

function placementRow(p: PlacementNamed['data'], withDates: boolean): Sen2Placement {
  const named = p.urn !== undefined || p.ukprn !== undefined || p.setting !== undefined;
  return {
    placementId: p.placementId,
    urn: p.urn ?? null,
    ukprn: p.ukprn ?? null,
    senSetting: p.setting ?? null,
    placementRank: p.rank,
    senUnitIndicator: named ? 0 : null,
    resourcedProvisionIndicator: named ? 0 : null,
    entryDate: withDates ? p.startedOn : null,
    leavingDate: withDates ? (p.endedOn ?? null) : null,
  };
}

/**
 * The phase transfer the census falls before: the `phase-transfer` clock (docs/domain-rules.md §4.2) due in the
 * school year of the census date, the earliest when there are several; its stop is the date the amended plan
 * naming the new school was issued.
 */
function phaseTransferAtCensus(events: readonly RecordedJourneyEvent[], census: LocalDate, config: ClockConfig): ClockView | null {
  const schoolYear = schoolYearOf(census);
  const due = computeClocks(events, census, config).flatMap((clock) =>
    clock.clock === 'phase-transfer' &&
    clock.dueOn !== null &&
    compareDates(clock.dueOn, schoolYearStart(schoolYear)) >= 0 &&
    compareDates(clock.dueOn, schoolYearEnd(schoolYear)) <= 0
      ? [{ clock, dueOn: clock.dueOn }]
      : [],
  );
  return due.sort((a, b) => compareDates(a.dueOn, b.dueOn))[0]?.clock ?? null;
}

/**
 * One pass in business-date order. Plans are counted in the order planHistory counts them (each
 * FinalPlanIssued starts the next), so index i here and there is the same plan. A mediation or appeal that
 * names no request belongs to the plan in force on its date (about the plan), else to the latest request.
 */
function gatherFacts(timeline: readonly RecordedJourneyEvent[]): ChildFacts {
  const facts: ChildFacts = {
    registration: null,
    sex: null,
    ethnicity: null,
    postcode: null,
    senNeeds: [],
    caseClosedOn: null,
    assessed: new Set(),
    planExtras: [],
    placements: new Map(),
    mediations: [],
    appeals: [],
  };
  const planRequests: string[] = [];
  let current: number | null = null;
  let latestRequest: string | null = null;
  const owner = (requestId: string | undefined, aboutPlan: boolean): string | null =>
    requestId ?? (aboutPlan && current !== null ? planRequests[current] : latestRequest);
  for (const { event } of timeline) {
    switch (event.type) {
      case 'ChildRegistered': {
        const erased = event.data.erased === true;
        facts.registration = {
          givenName: erased ? null : event.data.givenName,
          familyName: erased ? null : event.data.familyName,
          dateOfBirth: erased ? null : event.data.dateOfBirth,
          upn: erased ? null : (event.data.upn ?? null),
        };
        break;
      }
      case 'ChildDetailsChanged':
        if (event.data.sex !== undefined) facts.sex = event.data.sex;
        if (event.data.ethnicity !== undefined) facts.ethnicity = event.data.ethnicity;
        if (event.data.postcode !== undefined) facts.postcode = event.data.postcode;
        if (event.data.senNeeds !== undefined) facts.senNeeds = event.data.senNeeds;
        break;
      case 'EhcNeedsAssessmentRequested':
      case 'ReassessmentRequested':
        latestRequest = event.data.requestId;
        break;
      case 'DecisionToAssessMade':
      case 'ReassessmentDecisionMade':
        if (event.data.decision === 'assess' || event.data.decision === 'reassess') facts.assessed.add(event.data.requestId);
        break;
      case 'FinalPlanIssued':
        planRequests.push(event.data.requestId);
        facts.planExtras.push({ ceasedReason: null, budget: null });
        current = facts.planExtras.length - 1;
        break;
      case 'PlanCeased':
        if (current !== null) facts.planExtras[current].ceasedReason = event.data.reason;
        current = null;
        break;
      case 'PersonalBudgetAgreed':
        if (current !== null) facts.planExtras[current].budget = event.data.kind;
        break;
      case 'PlacementNamed':
        facts.placements.set(event.data.placementId, { data: event.data, planIndex: event.data.requestId === undefined ? current : null });
        break;
      case 'MediationRecorded': {
        const requestId = owner(event.data.requestId, event.data.about === 'plan');
        if (requestId !== null) facts.mediations.push({ requestId, about: event.data.about });
        break;
      }
      case 'AppealLodged': {
        const requestId = owner(event.data.requestId, PLAN_APPEALS.includes(event.data.against));
        if (requestId !== null) facts.appeals.push({ requestId, against: event.data.against });
        break;
      }
      case 'CaseClosed':
        facts.caseClosedOn ??= event.occurredOn;
        break;
      default:
        break;
    }
  }
  // a placement named for a request belongs to the plan that request produced (named before or after it)
  for (const placement of facts.placements.values()) {
    const requestId = placement.data.requestId;
    if (requestId !== undefined) placement.planIndex = lastIndexWhere(planRequests, (r) => r === requestId);
  }
  return facts;
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return null;
}
