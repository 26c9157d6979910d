import {
  addDays,
  compareDates,
  daysBetween,
  EXCLUSION_REASONS,
  schoolYearOf,
  type AdviceType,
  type JourneyEvent,
  type LocalDate,
  type ReferralService,
  type ReferralSource,
} from '@sj/domain';
import { SeededRandom } from './seeded-random';

/**
 * A synthetic caseload shaped like the published figures (docs/domain-rules.md §7): roughly half of
 * EHC plans late, a quarter of requests refused, autism waits with a tail past 16 months,
 * annual reviews often late, a minority of pupils suspended again and again.
 * It is synthetic: every name is made up and no real child is described.
 */
export interface DemoCaseloadOptions {
  readonly seed: number;
  readonly children: number;
  /** The last day anything may have happened. */
  readonly today: LocalDate;
  readonly areas?: readonly string[];
  /** School years of history before the current one. */
  readonly yearsOfHistory?: number;
}

export interface DemoEvent {
  readonly eventId: string;
  readonly event: JourneyEvent;
}

export interface DemoChild {
  readonly childId: string;
  readonly area: string;
  /** In the order a caseworker could have recorded them: by occurredOn, causes before effects. */
  readonly events: readonly DemoEvent[];
}

export const DEMO_AREAS = ['north', 'south', 'east', 'west', 'central'] as const;

const GIVEN_NAMES = ['Amara', 'Ben', 'Chloe', 'Dylan', 'Ella', 'Finn', 'Grace', 'Harry', 'Isla', 'Jack', 'Kai', 'Layla', 'Mason', 'Nia', 'Oscar', 'Poppy', 'Reuben', 'Sofia', 'Theo', 'Zara'];
const FAMILY_NAMES = ['Adeyemi', 'Brown', 'Clarke', 'Davies', 'Evans', 'Foster', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Nowak', 'Patel', 'Roberts', 'Smith', 'Taylor', 'Walker', 'Young'];
const SCHOOL_KINDS = ['Primary School', 'Infant School', 'Junior School', 'Academy', 'High School', 'Community College'];
const THERAPIES: readonly ReferralService[] = ['speech-and-language', 'occupational-therapy', 'physiotherapy'];
const REFERRAL_SOURCES: readonly ReferralSource[] = ['parent', 'school', 'gp', 'health-visitor', 'paediatrics', 'social-care'];
const ADVICE_TYPES: readonly AdviceType[] = ['educational-psychology', 'health', 'social-care', 'education'];

/** Generates children one at a time, so a million-event log never sits in memory. */
export function* generateDemoCaseload(options: DemoCaseloadOptions): Generator<DemoChild> {
  const areas = options.areas ?? DEMO_AREAS;
  const random = new SeededRandom(options.seed);
  const firstDay = `${schoolYearOf(options.today) - (options.yearsOfHistory ?? 2)}-09-01`;
  for (let n = 1; n <= options.children; n++) {
    yield generateChild(random, `demo-${String(n).padStart(6, '0')}`, pickArea(random, areas), firstDay, options.today);
  }
}

function pickArea(random: SeededRandom, areas: readonly string[]): string {
  return random.pick(areas);
}

class JourneyWriter {
  private readonly events: Array<DemoEvent & { order: number }> = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly today: LocalDate,
  ) {}

  /** Records the event if it has happened by today; returns whether it did. */
  add(event: JourneyEvent): boolean {
    if (compareDates(event.occurredOn, this.today) > 0) return false;
    this.events.push({ eventId: this.random.uuid(), event, order: this.events.length });
    return true;
  }

  lastEventId(): string {
    return this.events[this.events.length - 1]!.eventId;
  }

  sorted(): DemoEvent[] {
    return [...this.events]
      .sort((a, b) => compareDates(a.event.occurredOn, b.event.occurredOn) || a.order - b.order)
      .map(({ eventId, event }) => ({ eventId, event }));
  }
}

function generateChild(random: SeededRandom, childId: string, area: string, firstDay: LocalDate, today: LocalDate): DemoChild {
  const journey = new JourneyWriter(random, today);
  const spanDays = Math.max(1, daysBetween(firstDay, today));
  const registeredOn = addDays(firstDay, random.int(0, Math.floor(spanDays * 0.8)));
  const ageYears = random.int(2, 16);
  const dateOfBirth = addDays(registeredOn, -(ageYears * 365 + random.int(0, 364)));
  const school = ageYears >= 4 ? `${capitalise(area)} ${random.pick(SCHOOL_KINDS)} ${random.int(1, 8)}` : undefined;
  journey.add({
    type: 'ChildRegistered',
    occurredOn: registeredOn,
    data: {
      givenName: random.pick(GIVEN_NAMES),
      familyName: random.pick(FAMILY_NAMES),
      dateOfBirth,
      area,
      ...(school ? { school } : {}),
      caseworker: `cw-${area}-${random.int(1, 4)}`,
    },
  });

  if (random.chance(0.45)) autismPathway(random, journey, addDays(registeredOn, random.int(0, 60)));
  if (random.chance(0.2)) otherReferral(random, journey, addDays(registeredOn, random.int(0, 200)), ageYears);
  if (random.chance(0.45)) ehcPathway(random, journey, addDays(registeredOn, random.int(0, 120)));
  if (school && random.chance(0.15)) suspensions(random, journey, registeredOn, today, school);
  return { childId, area, events: journey.sorted() };
}

function autismPathway(random: SeededRandom, journey: JourneyWriter, receivedOn: LocalDate): void {
  const referralId = `asd-${random.int(1000, 9999)}`;
  journey.add({ type: 'ReferralReceived', occurredOn: receivedOn, data: { referralId, service: 'autism-assessment', source: random.pick(REFERRAL_SOURCES) } });
  const preStart = addDays(receivedOn, random.skewed(7, 30, 120));
  if (!journey.add({ type: 'PreAssessmentStarted', occurredOn: preStart, data: { referralId } })) return;
  let infoOn = preStart;
  for (const from of ['school', 'health', 'parent'] as const) {
    infoOn = addDays(infoOn, random.int(3, 30));
    if (random.chance(0.8)) journey.add({ type: 'PreAssessmentInformationReceived', occurredOn: infoOn, data: { referralId, from } });
  }
  const triagedOn = addDays(infoOn, random.skewed(7, 45, 200));
  const outcome = random.chance(0.85) ? 'accepted' : random.chance(0.6) ? 'not-accepted' : 'more-information-needed';
  if (!journey.add({ type: 'MdtTriageCompleted', occurredOn: triagedOn, data: { referralId, outcome } })) return;
  if (outcome === 'not-accepted') {
    journey.add({ type: 'ReferralClosed', occurredOn: addDays(triagedOn, random.int(1, 14)), data: { referralId, reason: 'MDT triage: autism assessment not the right pathway' } });
    return;
  }
  // Waits from referral to first appointment run from weeks to past 16 months (seed 000).
  const seenOn = addDays(receivedOn, Math.max(random.skewed(70, 240, 560), 1 + daysBetween(receivedOn, triagedOn)));
  if (!journey.add({ type: 'InitialAppointmentHeld', occurredOn: seenOn, data: { referralId } })) return;
  const diagnosis = random.chance(0.7) ? 'autism-diagnosed' : random.chance(0.7) ? 'not-diagnosed' : 'inconclusive';
  journey.add({ type: 'DiagnosticOutcomeRecorded', occurredOn: addDays(seenOn, random.int(7, 90)), data: { referralId, outcome: diagnosis } });
}

function otherReferral(random: SeededRandom, journey: JourneyWriter, receivedOn: LocalDate, ageYears: number): void {
  const service: ReferralService = ageYears < 4 && random.chance(0.4) ? 'portage' : random.chance(0.4) ? 'camhs' : random.pick(THERAPIES);
  const referralId = `${service}-${random.int(1000, 9999)}`;
  journey.add({ type: 'ReferralReceived', occurredOn: receivedOn, data: { referralId, service, source: random.pick(REFERRAL_SOURCES) } });
  const wait = service === 'camhs' ? random.skewed(5, 25, 120) : service === 'portage' ? random.skewed(14, 60, 200) : random.skewed(30, 110, 420);
  journey.add({ type: 'InitialAppointmentHeld', occurredOn: addDays(receivedOn, wait), data: { referralId } });
}

function ehcPathway(random: SeededRandom, journey: JourneyWriter, receivedOn: LocalDate): void {
  const requestId = `ehc-${random.int(10000, 99999)}`;
  journey.add({ type: 'EhcNeedsAssessmentRequested', occurredOn: receivedOn, data: { requestId, requestedBy: random.pick(['parent', 'school', 'early-years-setting', 'health'] as const) } });
  const decidedOn = addDays(receivedOn, random.skewed(14, 38, 80));
  const assess = random.chance(0.72);
  if (!journey.add({ type: 'DecisionToAssessMade', occurredOn: decidedOn, data: { requestId, decision: assess ? 'assess' : 'not-assess' } })) return;
  if (!assess) return;
  // Exceptions are rare in the national figures (45.9% within 20 weeks with them, 46.4% without); a few
  // more here so a small demo shows some.
  if (random.chance(0.08)) {
    journey.add({ type: 'TimescaleExceptionRecorded', occurredOn: addDays(decidedOn, random.int(1, 30)), data: { requestId, exception: random.pick(['school-closure', 'exceptional-personal-circumstances', 'absent-from-area'] as const) } });
  }
  const adviceCount = random.int(2, 4);
  let lastAdvice = decidedOn;
  for (let i = 0; i < adviceCount; i++) {
    const adviceId = `${requestId}-adv-${i + 1}`;
    const askedOn = addDays(decidedOn, random.int(0, 7));
    journey.add({ type: 'AdviceRequested', occurredOn: askedOn, data: { requestId, adviceId, adviceType: ADVICE_TYPES[i % ADVICE_TYPES.length]! } });
    const gotOn = addDays(askedOn, random.skewed(20, 40, 110));
    if (journey.add({ type: 'AdviceReceived', occurredOn: gotOn, data: { requestId, adviceId } }) && compareDates(gotOn, lastAdvice) > 0) lastAdvice = gotOn;
  }
  if (random.chance(0.08)) {
    journey.add({ type: 'DecisionNotToIssuePlan', occurredOn: addDays(lastAdvice, random.int(5, 30)), data: { requestId } });
    return;
  }
  const draftOn = addDays(lastAdvice, random.skewed(7, 25, 90));
  if (!journey.add({ type: 'DraftPlanIssued', occurredOn: draftOn, data: { requestId } })) return;
  const finalOn = addDays(draftOn, random.chance(0.03) ? random.int(5, 14) : random.skewed(15, 28, 100));
  if (!journey.add({ type: 'FinalPlanIssued', occurredOn: finalOn, data: { requestId, placement: 'mainstream with support' } })) return;
  annualReviews(random, journey, finalOn);
}

function annualReviews(random: SeededRandom, journey: JourneyWriter, planIssuedOn: LocalDate): void {
  let lastStart = planIssuedOn;
  for (let review = 0; review < 4; review++) {
    const meetingOn = addDays(lastStart, random.skewed(280, 340, 460));
    if (!journey.add({ type: 'AnnualReviewMeetingHeld', occurredOn: meetingOn, data: {} })) return;
    const decidedOn = addDays(meetingOn, random.skewed(5, 24, 110));
    const decision = random.chance(0.35) ? 'amend' : random.chance(0.95) ? 'maintain' : 'cease';
    if (!journey.add({ type: 'AnnualReviewDecisionMade', occurredOn: decidedOn, data: { decision } })) return;
    if (decision === 'cease') {
      journey.add({ type: 'PlanCeased', occurredOn: addDays(decidedOn, random.int(14, 60)), data: { reason: 'outcomes achieved; needs met from school resources' } });
      return;
    }
    if (decision === 'amend') journey.add({ type: 'AmendedPlanIssued', occurredOn: addDays(decidedOn, random.skewed(14, 50, 140)), data: { placement: 'mainstream with support' } });
    lastStart = decidedOn;
  }
}

function suspensions(random: SeededRandom, journey: JourneyWriter, from: LocalDate, today: LocalDate, school: string): void {
  const count = random.chance(0.5) ? random.int(1, 2) : random.int(3, 7);
  let on = addDays(from, random.int(10, 120));
  for (let i = 1; i <= count && compareDates(on, today) <= 0; i++) {
    const suspensionId = `susp-${i}`;
    const days = random.pick([0.5, 1, 1, 2, 2, 3, 5, 5, 10]);
    journey.add({ type: 'SuspensionRecorded', occurredOn: on, data: { suspensionId, school, schoolDays: days, reason: random.pick(EXCLUSION_REASONS) } });
    if (random.chance(0.06)) journey.add({ type: 'SuspensionRescinded', occurredOn: addDays(on, random.int(1, 10)), data: { suspensionId } });
    else if (random.chance(0.03)) journey.add({ type: 'EventVoided', occurredOn: addDays(on, random.int(0, 3)), data: { eventId: journey.lastEventId(), reason: 'recorded against the wrong pupil' } });
    on = addDays(on, random.skewed(7, 30, 120));
  }
  if (count >= 5 && random.chance(0.25)) {
    journey.add({ type: 'PermanentExclusionRecorded', occurredOn: on, data: { exclusionId: 'pex-1', school, reason: random.pick(EXCLUSION_REASONS) } });
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
