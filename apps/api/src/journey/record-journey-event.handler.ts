import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@sj/config';
import { ChildNotRegistered, decide, JOURNEY_EVENT_SCHEMA_VERSIONS } from '@sj/domain';
import { ConcurrencyError, encodeJourneyEvent, journeyStreamId, type EventStore, type ExpectedRevision } from '@sj/event-store';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { AccessDeniedError } from '../auth/auth.errors';
import { JourneyStateCache } from './journey-state-cache';
import { KeyedLock } from './keyed-lock';
import { RecordJourneyEventCommand, type RecordedEventResult } from './record-journey-event.command';

/** Attempts after a ConcurrencyError before answering 409. */
export const MAX_APPEND_ATTEMPTS = 8;

/**
 * Take the child's journey as folded so far (the cache reads only what was appended since it last saw the
 * stream), let the domain decide, append at the revision folded.
 * Another process may win the race: then read on from that revision and decide again (a few times, with jitter).
 * The same eventId again returns the original result and writes nothing.
 */
@CommandHandler(RecordJourneyEventCommand)
export class RecordJourneyEventHandler implements ICommandHandler<RecordJourneyEventCommand, RecordedEventResult> {
  private readonly logger = new Logger('RecordJourneyEvent');
  private readonly locks = new KeyedLock();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly journeys: JourneyStateCache,
    private readonly clock: Clock,
  ) {}

  execute(command: RecordJourneyEventCommand): Promise<RecordedEventResult> {
    const streamId = journeyStreamId(command.childId);
    return this.locks.run(streamId, () => this.recordWithRetries(streamId, command));
  }

  private async recordWithRetries(streamId: string, command: RecordJourneyEventCommand): Promise<RecordedEventResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recordOnce(streamId, command);
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_APPEND_ATTEMPTS) throw err;
        this.logger.debug({ msg: 'concurrent write, retrying', streamId, attempt });
        await sleep(Math.floor(5 * attempt + Math.random() * 20 * attempt));
      }
    }
  }

  private async recordOnce(streamId: string, command: RecordJourneyEventCommand): Promise<RecordedEventResult> {
    const { state, revision } = await this.journeys.current(streamId);
    // Another area's child answers as unregistered: whether it exists does not leak.
    if (state.child !== null && !command.mayWriteIn(state.child.area)) throw new ChildNotRegistered(command.childId);
    const area = (command.event.data as { area?: unknown }).area;
    if (typeof area === 'string' && !command.mayWriteIn(area)) {
      throw new AccessDeniedError('AREA_NOT_ALLOWED', `You may record only for children in your areas; ${area} is not one of them.`);
    }

    const decided = decide({ childId: command.childId, eventId: command.eventId, event: command.event, today: this.clock.today() }, state);
    if (decided.length === 0) {
      const original = state.recordedEventIds.get(command.eventId);
      if (original === undefined) throw new Error(`decide returned no events for ${command.event.type} but ${command.eventId} is not in the stream`);
      return { eventId: command.eventId, streamRevision: original };
    }

    const expected: ExpectedRevision = revision === -1 ? 'no-stream' : revision;
    const recordedAt = this.clock.now().toISOString();
    const newEvents = decided.map((event, i) =>
      encodeJourneyEvent(event, {
        eventId: i === 0 ? command.eventId : randomUUID(),
        recordedAt,
        recordedBy: command.recordedBy,
        correlationId: command.correlationId,
        schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
      }),
    );
    const result = await this.store.append(streamId, newEvents, expected);
    const streamRevision = result.nextExpectedRevision - (newEvents.length - 1);
    this.logger.log({ msg: 'event recorded', type: command.event.type, streamId, eventId: command.eventId, streamRevision });
    return { eventId: command.eventId, streamRevision };
  }
}
