import type { JourneyEventType, RecordedJourneyEvent } from '@sj/domain';

/** Everything recorded in one child's stream, in stream order, voided events included. */
export interface ChildJourney {
  readonly childId: string;
  readonly events: readonly RecordedJourneyEvent[];
}

export type RowValue = string | number | null;
export type ProjectionRow = Readonly<Record<string, RowValue>>;

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
  /** Column names in insert order; the first is always `child_id`. */
  readonly columns: readonly string[];
  /** `CREATE TABLE` and `CREATE INDEX` statements for this read model. */
  readonly schema: string;
  /** Events that can change this projection's rows (EventVoided always can). */
  readonly handles: readonly JourneyEventType[];
  rowsFor(journey: ChildJourney): ProjectionRow[];
}
