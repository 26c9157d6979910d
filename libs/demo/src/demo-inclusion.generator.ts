import { addDays, EXCLUSION_REASONS, schoolYearOf, type LocalDate } from '@sj/domain';
import type { DemoJourney } from './demo-journey.writer';
import { WeightedChoice } from './seeded-random';

/*
 * Suspensions and permanent exclusions (docs/domain-rules.md §6): a minority of pupils suspended again
 * and again, most suspensions a day or two, about one in ten longer than 5 school days (the sixth-day
 * duty), some rescinded, a few voided, some typed in weeks after they happened.
 */

const SCHOOL_DAYS = new WeightedChoice<number>([
  [0.5, 8],
  [1, 30],
  [2, 20],
  [3, 14],
  [4, 6],
  [5, 10],
  [5.5, 2],
  [7, 3],
  [10, 4],
  [15, 1],
]);

/** Children whose third suspension in a school year turns out to have been recorded in error. */
const VOIDED_THIRD = 0.07;

export function suspensions(journey: DemoJourney, from: LocalDate, school: string): void {
  const { random, today } = journey;
  if (random.chance(VOIDED_THIRD) && voidedThirdSuspension(journey, from, school)) return;
  const count = random.chance(0.5) ? random.int(1, 2) : random.int(3, 7);
  let on = addDays(from, random.int(10, 120));
  for (let i = 1; i <= count && on <= today; i++) {
    const suspensionId = journey.nextId('susp');
    const undone = random.next();
    // nothing depends on a suspension that stands, so some are typed in weeks later (a term's worth in September)
    const typedLateBy = undone >= 0.09 && random.chance(0.1) ? random.int(10, 60) : 0;
    journey.add(
      {
        type: 'SuspensionRecorded',
        occurredOn: on,
        data: { suspensionId, school, schoolDays: random.pickWeighted(SCHOOL_DAYS), reason: random.pick(EXCLUSION_REASONS) },
      },
      typedLateBy,
    );
    if (undone < 0.06) journey.add({ type: 'SuspensionRescinded', occurredOn: addDays(on, random.int(1, 10)), data: { suspensionId } });
    else if (undone < 0.09)
      journey.add({
        type: 'EventVoided',
        occurredOn: addDays(on, random.int(0, 3)),
        data: { eventId: journey.lastEventId(), reason: 'recorded against the wrong pupil' },
      });
    on = addDays(on, random.skewed(7, 30, 120));
  }
  if (count >= 5 && random.chance(0.25)) {
    journey.add({
      type: 'PermanentExclusionRecorded',
      occurredOn: on,
      data: { exclusionId: journey.nextId('pex'), school, reason: random.pick(EXCLUSION_REASONS) },
    });
  }
}

/**
 * Three suspensions in one school year, the third voided a few days later: the Area Inclusion Discussion
 * it called for is withdrawn (docs/domain-rules.md §6). Mostly in this school year or the last, so the
 * demo's alerts show it. Returns false when the dates do not fit before today.
 */
function voidedThirdSuspension(journey: DemoJourney, from: LocalDate, school: string): boolean {
  const { random, today } = journey;
  const current = schoolYearOf(today);
  const schoolYear = random.chance(0.7) ? current - 1 : current;
  const yearStarts = addDays(`${schoolYear}-09-01`, random.int(5, 90));
  const first = yearStarts > from ? yearStarts : addDays(from, random.int(5, 30));
  const second = addDays(first, random.int(7, 45));
  const third = addDays(second, random.int(7, 45));
  if (third >= today || third > `${schoolYear + 1}-08-31`) return false;
  for (const occurredOn of [first, second, third]) {
    journey.add({
      type: 'SuspensionRecorded',
      occurredOn,
      data: { suspensionId: journey.nextId('susp'), school, schoolDays: random.pickWeighted(SCHOOL_DAYS), reason: random.pick(EXCLUSION_REASONS) },
    });
  }
  const voidedOn = addDays(third, random.int(1, 21));
  journey.add({
    type: 'EventVoided',
    occurredOn: voidedOn > today ? today : voidedOn,
    data: { eventId: journey.lastEventId(), reason: 'entered twice: the same suspension was already recorded' },
  });
  return true;
}
