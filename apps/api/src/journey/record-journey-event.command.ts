import { Command } from '@nestjs/cqrs';
import type { JourneyEvent } from '@sj/domain';

export interface RecordedEventResult {
  readonly eventId: string;
  readonly streamRevision: number;
}

/**
 * Record one event in a child's journey. `eventId` is the caller's (safe retries) or a new UUID;
 * `recordedBy` is the verified token's subject; `mayWriteIn` says whether the caller may record for a
 * child in an area (checked against the child's current area and any area the event moves them to).
 */
export class RecordJourneyEventCommand extends Command<RecordedEventResult> {
  constructor(
    readonly childId: string,
    readonly event: JourneyEvent,
    readonly eventId: string,
    readonly recordedBy: string,
    readonly correlationId: string,
    readonly mayWriteIn: (area: string) => boolean,
  ) {
    super();
  }
}
