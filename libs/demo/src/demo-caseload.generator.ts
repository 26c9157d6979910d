import { addDays, daysBetween, schoolYearOf, type LocalDate } from '@sj/domain';
import { ETHNICITIES, FAMILY_NAMES, GIVEN_NAMES, postcodeIn, schoolForAge, SEXES } from './demo-child.vocabulary';
import { ehcPathway } from './demo-ehc.generator';
import { suspensions } from './demo-inclusion.generator';
import { caseworkerIn, DemoJourney, type DemoEvent } from './demo-journey.writer';
import { autismPathway, otherReferral } from './demo-referrals.generator';
import { SeededRandom } from './seeded-random';

export type { DemoEvent } from './demo-journey.writer';

/**
 * A synthetic caseload shaped like the published figures (docs/domain-rules.md §8): roughly half of
 * EHC plans late, a quarter of requests refused, autism waits with a tail past 16 months,
 * annual reviews often late, a minority of pupils suspended again and again. It also carries what
 * version 2 of the rules reads: re-assessments, placements, personal budgets, mediation and appeals
 * with the steps their orders require, phase transfers, children moving between areas, voided
 * suspensions that withdraw an alert, and the SEN2 person and needs details, with a handful of the data
 * problems SEN2 validation rejects (§7).
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

export interface DemoChild {
  readonly childId: string;
  /** The area the child was registered in (a few move later: docs/domain-rules.md §6, area history). */
  readonly area: string;
  /**
   * In the order a caseworker typed them: by occurredOn, causes before effects, except a few entries no
   * later step depends on (area moves, some suspensions) typed in days or weeks after later-dated events.
   */
  readonly events: readonly DemoEvent[];
}

export const DEMO_AREAS = ['north', 'south', 'east', 'west', 'central'] as const;

/** Children whose family moves to another area of the LA during the journey. */
const AREA_MOVE = 0.07;
/** Of those moves, the share the caseworker hears about and types in only weeks later. */
const AREA_MOVE_TYPED_LATE = 0.35;
/** Children without an EHC request whose sex, ethnicity and postcode are on file. */
const PERSONAL_DETAILS_WITHOUT_REQUEST = 0.7;
/** Deliberate SEN2 data problem (docs/domain-rules.md §7): a child with a request but no sex recorded. */
const REQUEST_WITHOUT_SEX = 0.006;

/** Generates children one at a time, so a million-event log never sits in memory. */
export function* generateDemoCaseload(options: DemoCaseloadOptions): Generator<DemoChild> {
  const areas = options.areas ?? DEMO_AREAS;
  const random = new SeededRandom(options.seed);
  const firstDay = `${schoolYearOf(options.today) - (options.yearsOfHistory ?? 2)}-09-01`;
  for (let n = 1; n <= options.children; n++) {
    yield generateChild(random, `demo-${String(n).padStart(6, '0')}`, random.pick(areas), areas, firstDay, options.today);
  }
}

/**
 * A pupil at school has a unique pupil number; derived from the child id (no random draw, so the rest of the
 * seeded caseload stays as it was). About 1 in 40 is left without one: a deliberate SEN2 query (NO_UPN).
 */
function upnOf(childId: string): { upn?: string } {
  const n = Number(childId.replace(/\D/g, ''));
  if (n % 40 === 0) return {};
  return { upn: `A933${String(n).padStart(8, '0')}${String(n % 10)}` };
}

function generateChild(
  random: SeededRandom,
  childId: string,
  area: string,
  areas: readonly string[],
  firstDay: LocalDate,
  today: LocalDate,
): DemoChild {
  const spanDays = Math.max(1, daysBetween(firstDay, today));
  const registeredOn = addDays(firstDay, random.int(0, Math.floor(spanDays * 0.8)));
  const ageYears = random.int(2, 16);
  const dateOfBirth = addDays(registeredOn, -(ageYears * 365 + random.int(0, 364)));
  const school = schoolForAge(random, area, ageYears);
  const journey = new DemoJourney(random, today, childId, dateOfBirth, registeredOn, area, school);
  journey.add({
    type: 'ChildRegistered',
    occurredOn: registeredOn,
    data: {
      givenName: random.pick(GIVEN_NAMES),
      familyName: random.pick(FAMILY_NAMES),
      dateOfBirth,
      area,
      ...(school ? { school, ...upnOf(childId) } : {}),
      caseworker: journey.caseworker,
    },
  });

  const requestsAssessment = random.chance(0.45);
  if (requestsAssessment || random.chance(PERSONAL_DETAILS_WITHOUT_REQUEST)) {
    personalDetails(journey, addDays(registeredOn, random.int(0, 21)), !(requestsAssessment && random.chance(REQUEST_WITHOUT_SEX)));
  }
  const autismDiagnosed = random.chance(0.45) && autismPathway(journey, addDays(registeredOn, random.int(0, 60)));
  if (random.chance(0.2)) otherReferral(journey, addDays(registeredOn, random.int(0, 200)), ageYears);
  if (requestsAssessment) ehcPathway(journey, addDays(registeredOn, random.int(0, 120)), { autismDiagnosed });
  if (school && random.chance(0.15)) suspensions(journey, registeredOn, school);
  if (random.chance(AREA_MOVE)) moveArea(journey, areas);
  return { childId, area, events: journey.recorded() };
}

/** SEN2 module 1 (docs/domain-rules.md §7): sex, ethnicity and postcode, usually gathered soon after registration. */
function personalDetails(journey: DemoJourney, on: LocalDate, withSex: boolean): void {
  const { random } = journey;
  const ethnicity = random.pickWeighted(ETHNICITIES);
  const postcode = postcodeIn(random, journey.area);
  const sex = random.pickWeighted(SEXES);
  journey.personalDetailsRecorded = journey.add({
    type: 'ChildDetailsChanged',
    occurredOn: on,
    data: { ...(withSex ? { sex } : {}), ethnicity, postcode },
  });
}

/**
 * The family moves to another area of the LA part-way through the journey (a new caseworker there, and
 * a new postcode when one is on file). Every figure follows the child from the move's date (docs/domain-rules.md
 * §6), even when the caseworker types it in weeks later, after later-dated entries.
 */
function moveArea(journey: DemoJourney, areas: readonly string[]): void {
  const { random, today } = journey;
  const others = areas.filter((a) => a !== journey.area);
  const span = daysBetween(journey.registeredOn, today) - 40;
  if (others.length === 0 || span <= 0) return;
  const movedOn = addDays(journey.registeredOn, 30 + random.int(0, span));
  const area = random.pick(others);
  const caseworker = caseworkerIn(random, area);
  const postcode = postcodeIn(random, area);
  const typedLateBy = random.chance(AREA_MOVE_TYPED_LATE) ? random.skewed(7, 30, 120) : 0;
  const moved = journey.add(
    { type: 'ChildDetailsChanged', occurredOn: movedOn, data: { area, caseworker, ...(journey.personalDetailsRecorded ? { postcode } : {}) } },
    typedLateBy,
  );
  if (moved) journey.area = area;
}
