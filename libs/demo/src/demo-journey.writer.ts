import { addDays, cohortYearOf, type JourneyEvent, type LocalDate, type PlacementSetting } from '@sj/domain';
import type { SeededRandom } from './seeded-random';

export interface DemoEvent {
  readonly eventId: string;
  readonly event: JourneyEvent;
}

/** Where a plan places the child (SEN2 module 4b): a school's URN, a college's UKPRN or a setting code. */
export interface DemoPlacement {
  readonly placementId: string;
  readonly requestId?: string;
  readonly urn?: string;
  readonly ukprn?: string;
  readonly setting?: PlacementSetting;
  readonly startedOn: LocalDate;
  readonly rank: number;
}

interface WrittenEvent extends DemoEvent {
  readonly order: number;
  /** The day it was typed in: its own date, or later for an entry typed late. */
  readonly typedOn: LocalDate;
}

/**
 * One child's journey as it is written: the events in the order a caseworker typed them, and what the
 * generator needs to know about the child so far (their area, school, main placement).
 */
export class DemoJourney {
  private readonly written: WrittenEvent[] = [];
  private readonly counters = new Map<string, number>();
  readonly cohortYear: number;
  area: string;
  school: string | undefined;
  caseworker: string;
  /** Recorded sex, ethnicity and postcode, once they are. */
  personalDetailsRecorded = false;
  /** The rank-1 placement in force, as last named. */
  placement: DemoPlacement | null = null;

  constructor(
    readonly random: SeededRandom,
    readonly today: LocalDate,
    readonly childId: string,
    readonly dateOfBirth: LocalDate,
    readonly registeredOn: LocalDate,
    area: string,
    school: string | undefined,
  ) {
    this.cohortYear = cohortYearOf(dateOfBirth);
    this.area = area;
    this.school = school;
    this.caseworker = caseworkerIn(random, area);
  }

  /**
   * Records the event if it has happened by today; returns whether it did. An entry typed late sits in
   * the stream after everything dated up to the day it was typed: only entries no later step depends on
   * are typed late, so every entry is still accepted when it is recorded.
   */
  add(event: JourneyEvent, typedLateBy = 0): boolean {
    if (event.occurredOn > this.today) return false;
    const late = typedLateBy > 0 ? addDays(event.occurredOn, typedLateBy) : event.occurredOn;
    const typedOn = late > this.today ? this.today : late;
    this.written.push({ eventId: this.random.uuid(), event, order: this.written.length, typedOn });
    return true;
  }

  lastEventId(): string {
    const last = this.written.at(-1);
    if (last === undefined) throw new Error(`Nothing is recorded yet for ${this.childId}`);
    return last.eventId;
  }

  /** `prefix-1`, `prefix-2`, …: ids unique in the child's stream. */
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  /** In the order they were typed: by the day typed (dates compare as strings), then as generated. */
  recorded(): DemoEvent[] {
    return [...this.written]
      .sort((a, b) => (a.typedOn < b.typedOn ? -1 : a.typedOn > b.typedOn ? 1 : a.order - b.order))
      .map(({ eventId, event }) => ({ eventId, event }));
  }
}

export function caseworkerIn(random: SeededRandom, area: string): string {
  return `cw-${area}-${random.int(1, 4)}`;
}
