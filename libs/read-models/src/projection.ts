import type { ChildDetailsChanged, JourneyEvent, JourneyEventType, JourneyState, RecordedJourneyEvent } from '@sj/domain';

/** Everything recorded in one child's stream, in stream order, voided events included. */
export interface ChildJourney {
  readonly childId: string;
  readonly events: readonly RecordedJourneyEvent[];
  /**
   * The domain's `foldJourney(events)`. The runner keeps each hot child's journey folded between batches and
   * advances it with `evolve`, so a projection that reads the fold costs what was appended, not the whole history.
   */
  readonly state: JourneyState;
}

export type RowValue = string | number | null;
export type ProjectionRow = Readonly<Record<string, RowValue>>;

/**
 * For every event type, whether it can change a projection's rows. A mapped type over the domain's
 * event union, so a new event type does not compile until every projection has decided about it.
 * A void can change any row (the voided event stops counting), so `EventVoided` is always true.
 * A change of details may instead be judged by what it names: one that names nothing the projection reads (a new
 * school, for a read model that reads only the area) cannot change its rows.
 */
export type EventInterest = {
  readonly [T in JourneyEventType]: T extends 'EventVoided'
    ? true
    : T extends 'ChildDetailsChanged'
      ? boolean | ((change: ChildDetailsChanged) => boolean)
      : boolean;
};

/** A change of details that moves the child (or says where they live again): the only kind an area's figures can feel. */
export function namesArea(change: ChildDetailsChanged): boolean {
  return change.data.area !== undefined;
}

/**
 * The same tables for SQLite and for PostgreSQL. PostgreSQL's text columns compare and sort by byte (COLLATE "C"),
 * as SQLite's do, whatever the server's default locale: dates stored as YYYY-MM-DD text then compare as dates, and
 * pages come out in the same order on both.
 */
export interface ProjectionSchema {
  readonly sqlite: string;
  readonly postgres: string;
}

/**
 * A read model as data plus pure functions: its name and version, the events that change it,
 * and the rows one child contributes, computed from that child's whole stream.
 * Because a child's rows are replaced, never incremented, projecting the same events twice
 * changes nothing, and a crash between two batches can neither double-count nor skip.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the rows change shape or meaning: a version change rebuilds the read model. */
  readonly version: number;
  readonly table: string;
  /**
   * Tables the database keeps from this read model's rows (by triggers on `table`), such as running counts: dropped
   * with `table` when the version changes or the read models are cleared, and analysed with it after a rebuild.
   */
  readonly keptBeside?: readonly string[];
  /**
   * Run by a rebuild once it has recreated the tables, before any row goes in (dropping the triggers that keep
   * `keptBeside` row by row); the rebuild runs `schema` again at its end, which must then make them right at once.
   */
  readonly rebuildStart?: ProjectionSchema;
  /** Column names in insert order; the first is always `child_id`. */
  readonly columns: readonly string[];
  /** `CREATE TABLE` and `CREATE INDEX` statements for this read model, in each engine's own words. */
  readonly schema: ProjectionSchema;
  /** Which events can change this projection's rows. */
  readonly handles: EventInterest;
  rowsFor(journey: ChildJourney): ProjectionRow[];
}

/** The projection's own table and the tables kept beside it. */
export function tablesOf(projection: Pick<Projection, 'table' | 'keptBeside'>): string[] {
  return [projection.table, ...(projection.keptBeside ?? [])];
}

/** The event types a projection reads. */
export function handledEventTypes(projection: Pick<Projection, 'handles'>): JourneyEventType[] {
  return (Object.keys(projection.handles) as JourneyEventType[]).filter((type) => projection.handles[type] !== false);
}

/** Whether recording this event can change the projection's rows: its type is handled (and a change of details names something it reads). */
export function canChangeRows(projection: Pick<Projection, 'handles'>, event: JourneyEvent): boolean {
  const interest = projection.handles[event.type];
  if (typeof interest === 'boolean') return interest;
  return event.type === 'ChildDetailsChanged' && interest(event);
}
