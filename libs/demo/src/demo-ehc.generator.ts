import { addDays, daysBetween, phaseTransferDates, type AdviceType, type EhcRequester, type LocalDate, type PersonalBudgetKind } from '@sj/domain';
import { appealAgainst, daysToComply, mediate } from './demo-appeals.generator';
import { capitalise, isInfantSchool, schoolName, senNeeds } from './demo-child.vocabulary';
import type { DemoJourney, DemoPlacement } from './demo-journey.writer';
import { WeightedChoice, type SeededRandom } from './seeded-random';

/*
 * EHC needs assessments, plans and what happens to a plan over the years (docs/domain-rules.md §4.1,
 * §4.2, §4.5), shaped like the published figures (§8): about a quarter of requests refused, roughly half of
 * new plans within 20 weeks, annual reviews often late. Re-assessments, appeals and mediation are a
 * small share of plans and refusals, as in the Tribunal's and DfE's figures, but enough for a small
 * demo to show each.
 */

const ADVICE_TYPES: readonly AdviceType[] = ['educational-psychology', 'health', 'social-care', 'education'];
const REQUESTERS = new WeightedChoice<EhcRequester>([
  ['parent', 45],
  ['school', 32],
  ['early-years-setting', 6],
  ['health', 9],
  ['social-care', 5],
  ['other', 3],
]);
const BUDGET_KINDS = new WeightedChoice<PersonalBudgetKind>([
  ['direct-payments', 55],
  ['organised-arrangements', 30],
  ['both', 15],
]);

const REFUSAL_TO_ASSESS_APPEAL = 0.2;
const MEDIATION_ONLY_AFTER_REFUSAL = 0.08;
const REFUSAL_TO_ISSUE_APPEAL = 0.3;
const PLAN_CONTENTS_APPEAL = 0.06;
const PLACEMENT_APPEAL = 0.03;
const MEDIATION_ONLY_ABOUT_PLAN = 0.02;
const CEASE_APPEAL = 0.3;
/** Per review cycle, at most once per plan: re-assessment is the exception, a review the rule. */
const REASSESSMENT = 0.04;
const REFUSAL_TO_REASSESS_APPEAL = 0.25;
const PERSONAL_BUDGET = 0.07;
const PHASE_TRANSFER_AMENDED = 0.9;
const PHASE_TRANSFER_IN_TIME = 0.6;
/** Deliberate SEN2 data problems (docs/domain-rules.md §7), a handful in a demo of a few thousand children. */
const PLAN_WITHOUT_PRIMARY_NEED = 0.01;
const PLACEMENT_WITHOUT_CODE = 0.005;

export interface ChildNeeds {
  readonly autismDiagnosed: boolean;
}

interface PlanContext extends ChildNeeds {
  /** The request whose final plan is in force. */
  requestId: string;
  /** No decision to cease is made on or before this day: an order still to be obeyed, or an order that the plan continues. */
  noCeaseUntil: LocalDate;
  readonly omitNeeds: boolean;
  readonly transfers: PlannedTransfer[];
}

/** A child's first EHC needs assessment request and everything that follows from its answer. */
export function ehcPathway(journey: DemoJourney, receivedOn: LocalDate, needs: ChildNeeds): void {
  const { random } = journey;
  const requestId = `ehc-${random.int(10000, 99999)}`;
  journey.add({ type: 'EhcNeedsAssessmentRequested', occurredOn: receivedOn, data: { requestId, requestedBy: requester(journey, receivedOn) } });
  const decidedOn = addDays(receivedOn, random.skewed(14, 38, 80));
  const assess = random.chance(0.72);
  if (!journey.add({ type: 'DecisionToAssessMade', occurredOn: decidedOn, data: { requestId, decision: assess ? 'assess' : 'not-assess' } })) return;
  if (assess) {
    assessment(journey, requestId, decidedOn, needs, false);
    return;
  }
  if (!random.chance(REFUSAL_TO_ASSESS_APPEAL)) {
    if (random.chance(MEDIATION_ONLY_AFTER_REFUSAL)) mediate(journey, 'request', requestId, addDays(decidedOn, random.int(10, 40)));
    return;
  }
  const appeal = appealAgainst(journey, 'refusal-to-assess', requestId, decidedOn, 'request');
  if (appeal.kind !== 'order') return;
  // reg 44(2): the LA gives notice that it will assess within 2 weeks of the order, on the same request
  const noticeOn = addDays(appeal.on, daysToComply(random, 14));
  if (!journey.add({ type: 'DecisionToAssessMade', occurredOn: noticeOn, data: { requestId, decision: 'assess' } })) return;
  assessment(journey, requestId, noticeOn, needs, true);
}

/** Advice (reg 8), then a draft and a final plan, or a decision not to issue one (reg 10, 13). */
function assessment(journey: DemoJourney, requestId: string, decidedOn: LocalDate, needs: ChildNeeds, ordered: boolean): void {
  const { random } = journey;
  // Exceptions are rare in the national figures (45.9% within 20 weeks with them, 46.4% without); a few
  // more here so a small demo shows some. An order's time limits have no exceptions.
  let exceptedOn = decidedOn;
  if (!ordered && random.chance(0.08)) {
    exceptedOn = addDays(decidedOn, random.int(1, 30));
    journey.add({
      type: 'TimescaleExceptionRecorded',
      occurredOn: exceptedOn,
      data: { requestId, exception: random.pick(['school-closure', 'exceptional-personal-circumstances', 'absent-from-area'] as const) },
    });
  }
  // reg 10(4) switches off limits still running, so the exception comes before the assessment's outcome
  const advised = gatherAdvice(journey, requestId, decidedOn, random.int(2, 4));
  const lastAdvice = advised > exceptedOn ? advised : exceptedOn;
  if (random.chance(0.08)) {
    const notIssuedOn = addDays(lastAdvice, random.int(5, 30));
    if (!journey.add({ type: 'DecisionNotToIssuePlan', occurredOn: notIssuedOn, data: { requestId } }) || ordered) return;
    if (random.chance(REFUSAL_TO_ISSUE_APPEAL)) orderedPlan(journey, requestId, notIssuedOn, needs);
    return;
  }
  const draftOn = addDays(lastAdvice, random.skewed(7, 25, 90));
  if (!journey.add({ type: 'DraftPlanIssued', occurredOn: draftOn, data: { requestId } })) return;
  const finalOn = addDays(draftOn, random.chance(0.03) ? random.int(5, 14) : random.skewed(15, 28, 100));
  if (!journey.add({ type: 'FinalPlanIssued', occurredOn: finalOn, data: { requestId, placement: placementText(journey) } })) return;
  planLife(journey, requestId, finalOn, needs);
}

/** An appeal against a decision not to issue a plan: if it succeeds, draft within 5 weeks and final within 11 (reg 44(2)). */
function orderedPlan(journey: DemoJourney, requestId: string, notIssuedOn: LocalDate, needs: ChildNeeds): void {
  const { random } = journey;
  const appeal = appealAgainst(journey, 'refusal-to-issue', requestId, notIssuedOn, 'assessment');
  if (appeal.kind !== 'order') return;
  const draftOn = addDays(appeal.on, daysToComply(random, 35));
  if (!journey.add({ type: 'DraftPlanIssued', occurredOn: draftOn, data: { requestId } })) return;
  const finalOn = addDays(appeal.on, Math.max(daysBetween(appeal.on, draftOn) + 15, daysToComply(random, 77)));
  if (!journey.add({ type: 'FinalPlanIssued', occurredOn: finalOn, data: { requestId, placement: placementText(journey) } })) return;
  planLife(journey, requestId, finalOn, needs);
}

/**
 * Requests advice from several professionals; returns the day the last advice arrives, even when that is
 * after today, so the assessment's outcome never comes before its advice.
 */
function gatherAdvice(journey: DemoJourney, requestId: string, decidedOn: LocalDate, count: number): LocalDate {
  const { random } = journey;
  let lastAdvice = decidedOn;
  for (let i = 0; i < count; i++) {
    const adviceId = `${requestId}-adv-${i + 1}`;
    const askedOn = addDays(decidedOn, random.int(0, 7));
    journey.add({ type: 'AdviceRequested', occurredOn: askedOn, data: { requestId, adviceId, adviceType: ADVICE_TYPES[i % ADVICE_TYPES.length] } });
    const gotOn = addDays(askedOn, random.skewed(20, 40, 110));
    journey.add({ type: 'AdviceReceived', occurredOn: gotOn, data: { requestId, adviceId } });
    if (gotOn > lastAdvice) lastAdvice = gotOn;
  }
  return lastAdvice;
}

/**
 * A plan from its issue to today: its placement and needs, maybe a personal budget, maybe an appeal about
 * its contents or placement, then annual reviews (reg 18–22), one of which may become a re-assessment
 * (reg 24–27) or a decision to cease (which may be appealed), and the amendments each phase transfer
 * needs (reg 18(1)). Generated in date order, so no step lands after the plan has ended.
 */
function planLife(journey: DemoJourney, requestId: string, issuedOn: LocalDate, needs: ChildNeeds): void {
  const { random } = journey;
  const plan: PlanContext = {
    ...needs,
    requestId,
    noCeaseUntil: issuedOn,
    omitNeeds: random.chance(PLAN_WITHOUT_PRIMARY_NEED),
    transfers: plannedTransfers(journey, issuedOn),
  };
  planIssued(journey, plan, issuedOn, true);
  if (random.chance(PERSONAL_BUDGET)) {
    journey.add({
      type: 'PersonalBudgetAgreed',
      occurredOn: addDays(issuedOn, random.int(7, 90)),
      data: { kind: random.pickWeighted(BUDGET_KINDS) },
    });
  }
  firstYearDispute(journey, plan, issuedOn);
  reviews(journey, plan, issuedOn);
}

/** A parent who disagrees with a new plan may mediate or appeal against its contents or the placement named. */
function firstYearDispute(journey: DemoJourney, plan: PlanContext, issuedOn: LocalDate): void {
  const { random } = journey;
  const u = random.next();
  if (u >= PLAN_CONTENTS_APPEAL + PLACEMENT_APPEAL) {
    if (u < PLAN_CONTENTS_APPEAL + PLACEMENT_APPEAL + MEDIATION_ONLY_ABOUT_PLAN)
      mediate(journey, 'plan', plan.requestId, addDays(issuedOn, random.int(14, 60)));
    return;
  }
  const againstPlacement = u >= PLAN_CONTENTS_APPEAL;
  const appeal = appealAgainst(journey, againstPlacement ? 'placement' : 'plan-contents', plan.requestId, issuedOn, againstPlacement ? null : 'plan');
  if (appeal.kind !== 'order') return;
  // reg 44(2): the amended plan within 5 weeks of the order, or 2 weeks when only the placement changes
  const amendedOn = addDays(appeal.on, daysToComply(random, againstPlacement ? 14 : 35));
  plan.noCeaseUntil = amendedOn;
  emitTransfersBefore(journey, plan, amendedOn);
  const school = againstPlacement ? schoolName(random, journey.area, 'Special School') : placementText(journey);
  if (!journey.add({ type: 'AmendedPlanIssued', occurredOn: amendedOn, data: { placement: school } }) || !againstPlacement) return;
  namePlacement(journey, amendedOn, undefined, amendedOn);
  changeSchool(journey, amendedOn, school);
}

function reviews(journey: DemoJourney, plan: PlanContext, issuedOn: LocalDate): void {
  const { random } = journey;
  let lastStart = issuedOn;
  let reassessed = false;
  for (let cycle = 0; cycle < 6; cycle++) {
    if (!reassessed && random.chance(REASSESSMENT)) {
      reassessed = true;
      const requestedOn = addDays(lastStart, random.int(60, 240));
      emitTransfersBefore(journey, plan, requestedOn);
      const outcome = reassessment(journey, plan, requestedOn);
      if (outcome.kind === 'pending') break;
      if (outcome.kind === 'reissued') {
        lastStart = outcome.on;
        if (outcome.on > plan.noCeaseUntil) plan.noCeaseUntil = outcome.on;
      }
    }
    const meetingOn = addDays(lastStart, random.skewed(280, 340, 460));
    emitTransfersBefore(journey, plan, meetingOn);
    if (!journey.add({ type: 'AnnualReviewMeetingHeld', occurredOn: meetingOn, data: {} })) break;
    const decidedOn = addDays(meetingOn, random.skewed(5, 24, 110));
    const drawn = random.chance(0.35) ? 'amend' : random.chance(0.95) ? 'maintain' : 'cease';
    const decision = drawn === 'cease' && decidedOn <= plan.noCeaseUntil ? 'maintain' : drawn;
    emitTransfersBefore(journey, plan, decidedOn);
    if (!journey.add({ type: 'AnnualReviewDecisionMade', occurredOn: decidedOn, data: { decision } })) break;
    if (decision === 'cease') {
      const ceased = cease(journey, plan, decidedOn);
      if (ceased === 'ceased') return;
      if (ceased === 'pending') break;
    }
    if (decision === 'amend') {
      const amendedOn = addDays(decidedOn, random.skewed(14, 50, 140));
      emitTransfersBefore(journey, plan, amendedOn);
      journey.add({ type: 'AmendedPlanIssued', occurredOn: amendedOn, data: { placement: placementText(journey) } });
    }
    lastStart = decidedOn;
  }
  emitTransfersBefore(journey, plan, null);
}

/**
 * After a decision to cease (CFA 2014 s.45) the parent may appeal; the plan is kept while the appeal runs,
 * and an order (or a concession) keeps it in force. Returns what became of the plan by today.
 */
function cease(journey: DemoJourney, plan: PlanContext, decidedOn: LocalDate): 'ceased' | 'continues' | 'pending' {
  const { random } = journey;
  let ceasedOn = addDays(decidedOn, random.int(14, 60));
  if (random.chance(CEASE_APPEAL)) {
    const appeal = appealAgainst(journey, 'cease', plan.requestId, decidedOn, 'plan');
    if (appeal.kind === 'pending') return 'pending';
    if (appeal.kind === 'order') {
      plan.noCeaseUntil = appeal.on;
      return 'continues';
    }
    ceasedOn = addDays(appeal.on, random.int(7, 30));
  }
  emitTransfersBefore(journey, plan, ceasedOn);
  plan.transfers.length = 0;
  journey.add({ type: 'PlanCeased', occurredOn: ceasedOn, data: { reason: 'outcomes achieved; needs met from school resources' } });
  return 'ceased';
}

/** What a re-assessment came to by today: a new plan issued on `on`, a refusal that stands, or not over yet. */
type Reassessment = { readonly kind: 'reissued'; readonly on: LocalDate } | { readonly kind: 'not-reassessed' } | { readonly kind: 'pending' };
const PENDING: Reassessment = { kind: 'pending' };
const NOT_REASSESSED: Reassessment = { kind: 'not-reassessed' };

/**
 * A re-assessment of a child with a plan (reg 24–27): a decision within 15 days, then a new final plan
 * within 14 weeks of the decision that replaces the plan in force. Returns the new plan's issue date.
 */
function reassessment(journey: DemoJourney, plan: PlanContext, requestedOn: LocalDate): Reassessment {
  const { random } = journey;
  const requestId = journey.nextId('rea');
  if (!journey.add({ type: 'ReassessmentRequested', occurredOn: requestedOn, data: { requestId, requestedBy: requester(journey, requestedOn) } }))
    return PENDING;
  let decidedOn = addDays(requestedOn, random.skewed(4, 12, 45));
  const reassess = random.chance(0.7);
  if (
    !journey.add({ type: 'ReassessmentDecisionMade', occurredOn: decidedOn, data: { requestId, decision: reassess ? 'reassess' : 'not-reassess' } })
  )
    return PENDING;
  if (!reassess) {
    if (!random.chance(REFUSAL_TO_REASSESS_APPEAL)) return NOT_REASSESSED;
    const appeal = appealAgainst(journey, 'refusal-to-reassess', requestId, decidedOn, 'assessment');
    if (appeal.kind !== 'order') return appeal.kind === 'pending' ? PENDING : NOT_REASSESSED;
    decidedOn = addDays(appeal.on, daysToComply(random, 14));
    if (!journey.add({ type: 'ReassessmentDecisionMade', occurredOn: decidedOn, data: { requestId, decision: 'reassess' } })) return PENDING;
  } else if (random.chance(0.05)) {
    // reg 27(3): the same exceptions as a first assessment
    journey.add({
      type: 'TimescaleExceptionRecorded',
      occurredOn: addDays(decidedOn, random.int(1, 30)),
      data: { requestId, exception: 'exceptional-personal-circumstances' },
    });
  }
  const lastAdvice = gatherAdvice(journey, requestId, decidedOn, random.int(1, 2));
  const draftOn = addDays(lastAdvice, random.skewed(7, 20, 70));
  if (!journey.add({ type: 'DraftPlanIssued', occurredOn: draftOn, data: { requestId } })) return PENDING;
  const finalOn = addDays(draftOn, random.skewed(15, 22, 60));
  if (!journey.add({ type: 'FinalPlanIssued', occurredOn: finalOn, data: { requestId, placement: placementText(journey) } })) return PENDING;
  plan.requestId = requestId;
  planIssued(journey, plan, finalOn, random.chance(0.5));
  return { kind: 'reissued', on: finalOn };
}

/** The placement the plan names and the child's ranked needs, recorded with the plan. */
function planIssued(journey: DemoJourney, plan: PlanContext, issuedOn: LocalDate, newPlacement: boolean): void {
  const { random } = journey;
  if (newPlacement) namePlacement(journey, issuedOn, plan.requestId, issuedOn);
  // some plans also name a time-limited second placement, e.g. alternative provision alongside school
  if (random.chance(0.05)) {
    journey.add({
      type: 'PlacementNamed',
      occurredOn: issuedOn,
      data: {
        placementId: journey.nextId('pl'),
        requestId: plan.requestId,
        urn: urn(random),
        startedOn: issuedOn,
        endedOn: addDays(issuedOn, random.int(90, 365)),
        rank: 2,
      },
    });
  }
  if (!plan.omitNeeds) journey.add({ type: 'ChildDetailsChanged', occurredOn: issuedOn, data: { senNeeds: senNeeds(random, plan.autismDiagnosed) } });
}

/**
 * Names the child's main placement from `startedOn`; the one it replaces is named again with its last day,
 * since a later entry with the same placement id replaces the earlier one (docs/domain-rules.md §3).
 */
function namePlacement(journey: DemoJourney, on: LocalDate, requestId: string | undefined, startedOn: LocalDate): void {
  const previous = journey.placement;
  const placement: DemoPlacement = {
    placementId: journey.nextId('pl'),
    ...(requestId === undefined ? {} : { requestId }),
    ...placementCode(journey, startedOn),
    startedOn,
    rank: 1,
  };
  if (!journey.add({ type: 'PlacementNamed', occurredOn: on, data: placement })) return;
  journey.placement = placement;
  if (previous !== null && startedOn > previous.startedOn) {
    journey.add({ type: 'PlacementNamed', occurredOn: on, data: { ...previous, endedOn: addDays(startedOn, -1) } });
  }
}

/** SEN2 module 4b: a school by URN, a post-16 provider by UKPRN, otherwise a setting code. */
function placementCode(journey: DemoJourney, startedOn: LocalDate): Pick<DemoPlacement, 'urn' | 'ukprn' | 'setting'> {
  const { random, cohortYear } = journey;
  if (random.chance(PLACEMENT_WITHOUT_CODE)) return {};
  const u = random.next();
  if (startedOn < `${cohortYear + 5}-09-01`) return u < 0.7 ? { setting: 'EYP' } : { urn: urn(random) };
  if (startedOn >= `${cohortYear + 17}-09-01`) return u < 0.85 ? { ukprn: ukprn(random) } : u < 0.95 ? { urn: urn(random) } : { setting: 'NEET' };
  return u < 0.95 ? { urn: urn(random) } : u < 0.97 ? { setting: 'EHE' } : u < 0.99 ? { setting: 'OLA' } : { setting: 'OTH' };
}

const urn = (random: SeededRandom): string => String(random.int(100000, 149999));
const ukprn = (random: SeededRandom): string => String(random.int(10000000, 10099999));

interface PlannedTransfer {
  readonly amendedOn: LocalDate;
  readonly movesOn: LocalDate;
  readonly school: string;
}

/**
 * The amendment each phase transfer needs (reg 18(1)), decided when the plan is first issued: most
 * before 15 February (31 March for post-16), the rest late. The transfers are the domain's own
 * (`phaseTransferDates`), so the demo meets or misses the clocks the engine computes.
 */
function plannedTransfers(journey: DemoJourney, issuedOn: LocalDate): PlannedTransfer[] {
  const { random } = journey;
  const infantSchool = isInfantSchool(journey.school) || (journey.school === undefined && random.chance(0.12));
  const planned: PlannedTransfer[] = [];
  for (const t of phaseTransferDates(journey.cohortYear, { infantSchool, middleSchoolYears: null })) {
    const yearEnds = `${t.transferYear}-08-31`;
    if (yearEnds < issuedOn || t.startsOn > journey.today || !random.chance(PHASE_TRANSFER_AMENDED)) continue;
    const aimedAt = random.chance(PHASE_TRANSFER_IN_TIME) ? addDays(t.dueOn, -random.int(0, 120)) : addDays(t.dueOn, random.skewed(1, 30, 150));
    const amendedOn = aimedAt < issuedOn ? addDays(issuedOn, random.int(14, 60)) : aimedAt;
    if (amendedOn > yearEnds) continue;
    const kind =
      {
        reception: infantSchool ? 'Infant School' : 'Primary School',
        'year-3': 'Junior School',
        'year-7': random.pick(['Academy', 'High School', 'Community College']),
        'post-16': random.pick(['College', 'Sixth Form College']),
      }[t.transfer] ?? 'Middle School';
    planned.push({ amendedOn, movesOn: `${t.transferYear}-09-0${random.int(1, 7)}`, school: schoolName(random, journey.area, kind) });
  }
  return planned;
}

/** Records the planned transfers amended before `until` (all of them when null): the plan is in force until then. */
function emitTransfersBefore(journey: DemoJourney, plan: PlanContext, until: LocalDate | null): void {
  for (let t = plan.transfers.at(0); t !== undefined && (until === null || t.amendedOn < until); t = plan.transfers.at(0)) {
    plan.transfers.shift();
    if (!journey.add({ type: 'AmendedPlanIssued', occurredOn: t.amendedOn, data: { placement: t.school, phaseTransfer: true } })) {
      plan.transfers.length = 0;
      return;
    }
    namePlacement(journey, t.amendedOn, undefined, t.movesOn);
    changeSchool(journey, t.movesOn, t.school);
  }
}

function changeSchool(journey: DemoJourney, on: LocalDate, school: string): void {
  if (journey.add({ type: 'ChildDetailsChanged', occurredOn: on, data: { school } })) journey.school = school;
}

function requester(journey: DemoJourney, on: LocalDate): EhcRequester {
  // a young person over compulsory school age may ask for themselves (CFA 2014 s.36(1))
  if (on >= `${journey.cohortYear + 17}-09-01` && journey.random.chance(0.3)) return 'young-person';
  return journey.random.pickWeighted(REQUESTERS);
}

function placementText(journey: DemoJourney): string {
  return journey.school ?? `${capitalise(journey.area)} early years setting`;
}
