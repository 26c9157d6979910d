import { Command } from '@nestjs/cqrs';
import type { JourneyEvent } from '@sj/domain';

export interface RecordedEventResult {
  readonly eventId: string;
  readonly streamRevision: number;
}

/** Record one event in a child's journey. `eventId` is the caller's (safe retries) or a new UUID. */
export class RecordJourneyEventCommand extends Command<RecordedEventResult> {
  constructor(
    readonly childId: string,
    readonly event: JourneyEvent,
    readonly eventId: string,
    readonly recordedBy: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
