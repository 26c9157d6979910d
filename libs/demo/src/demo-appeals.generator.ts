import { addDays, type AppealGround, type LocalDate, type MediationSubject } from '@sj/domain';
import type { DemoJourney } from './demo-journey.writer';
import type { SeededRandom } from './seeded-random';

/**
 * Mediation and First-tier Tribunal (SEND) appeals (CFA 2014 s.51–53; reg 44, 45; docs/domain-rules.md §4.5).
 * Most appeals end in the family's favour, many before a hearing: the LA concedes (reg 45) or the
 * appeal is withdrawn; of those heard, few are dismissed.
 */

/** A share of families mediate before appealing (a mediation certificate is needed to appeal, except on placement alone). */
const MEDIATION_BEFORE_APPEAL = 0.4;

/**
 * How an appeal stands by today: the LA bound to act from `on` (an upheld decision, reg 44, or a concession,
 * reg 45); dismissed or withdrawn on `on`; or not over yet.
 */
export type AppealResult =
  { readonly kind: 'order'; readonly on: LocalDate } | { readonly kind: 'no-order'; readonly on: LocalDate } | { readonly kind: 'pending' };

const PENDING: AppealResult = { kind: 'pending' };

/** The parent mediates (sometimes), then appeals against a decision made on `decidedOn`. */
export function appealAgainst(
  journey: DemoJourney,
  against: AppealGround,
  requestId: string,
  decidedOn: LocalDate,
  mediationAbout: MediationSubject | null,
): AppealResult {
  const { random } = journey;
  let lodgedAfter = decidedOn;
  if (mediationAbout !== null && random.chance(MEDIATION_BEFORE_APPEAL)) {
    lodgedAfter = addDays(decidedOn, random.int(7, 35));
    if (!mediate(journey, mediationAbout, requestId, lodgedAfter)) return PENDING;
  }
  const appealId = journey.nextId('app');
  // an appeal is lodged within two months of the decision (or of the mediation certificate)
  const lodgedOn = addDays(lodgedAfter, random.int(10, 55));
  if (!journey.add({ type: 'AppealLodged', occurredOn: lodgedOn, data: { appealId, against, requestId } })) return PENDING;
  const ending = random.next();
  if (ending < 0.25) {
    const concededOn = addDays(lodgedOn, random.skewed(21, 50, 120));
    return journey.add({ type: 'AppealConceded', occurredOn: concededOn, data: { appealId } }) ? { kind: 'order', on: concededOn } : PENDING;
  }
  const upheld = ending < 0.75;
  const heard = ending < 0.83;
  const on = addDays(lodgedOn, heard ? random.skewed(84, 140, 280) : random.int(20, 150));
  const outcome = upheld ? 'upheld' : heard ? 'dismissed' : 'withdrawn';
  if (!journey.add({ type: 'AppealDecided', occurredOn: on, data: { appealId, outcome } })) return PENDING;
  return { kind: upheld ? 'order' : 'no-order', on };
}

/** Mediation with the LA (docs/domain-rules.md §4.5); returns whether it happened by today. */
export function mediate(journey: DemoJourney, about: MediationSubject, requestId: string, on: LocalDate): boolean {
  return journey.add({ type: 'MediationRecorded', occurredOn: on, data: { mediationId: journey.nextId('med'), about, requestId } });
}

/**
 * Days from an order to the step it requires (reg 44(2), 45): about two in three LAs act in time, the
 * rest late by days to weeks.
 */
export function daysToComply(random: SeededRandom, dueDays: number): number {
  return random.chance(0.65) ? random.int(Math.ceil(dueDays * 0.3), dueDays) : dueDays + random.skewed(1, 14, 70);
}
