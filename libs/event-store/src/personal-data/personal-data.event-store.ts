import { cohortYearOf } from '@sj/domain';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { childIdFromStreamId } from '../journey-codec';
import { MissingChildKeyError, type ChildKeyStore } from './child-key-store.port';
import { EVENT_TYPES_WITH_PERSONAL_DATA, isEncryptedEnvelope, openFields, PERSONAL_FIELDS, sealFields } from './personal-data-cipher';

interface Body {
  occurredOn: unknown;
  data: Record<string, unknown>;
}

const PERSONAL: ReadonlySet<string> = new Set(PERSONAL_FIELDS);

function bodyOf(data: unknown): Body | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const body = data as { occurredOn?: unknown; data?: unknown };
  if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) return undefined;
  return body as Body;
}

/**
 * Crypto-shredding in front of any event store (SQLite, PostgreSQL or EventStoreDB): the personal fields of a child's
 * events are encrypted with that child's key before they reach the log, and decrypted on every read, so the
 * log (and its backups, replicas and WAL) never holds them in the clear. Erasure destroys the key
 * (UK GDPR Art. 17) without rewriting the append-only log; from then on reads return the event without
 * the personal fields and with `erased: true`, so folds, clocks and statistics still count the child.
 *
 * The encrypted event keeps `cohortYear` (the school cohort derived from the date of birth) in the clear:
 * the phase-transfer clock needs only that, and it is far less identifying than the date itself.
 * Events written before encryption existed (no `encrypted` envelope) are read as they are.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: ChildKeyStore,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(streamId, event));
    return this.inner.append(streamId, sealed, expectedRevision);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent[]> {
    for await (const batch of this.inner.readAll(options)) yield await this.openAll(batch);
  }

  subscribeToAll(handler: SubscriptionHandler, options?: Omit<ReadAllOptions, 'batchSize'>): Subscription {
    return this.inner.subscribeToAll(
      {
        onEvent: async (event) => handler.onEvent((await this.openAll([event]))[0]),
        ...(handler.onCaughtUp ? { onCaughtUp: () => handler.onCaughtUp?.() } : {}),
        ...(handler.onError ? { onError: (error: Error) => handler.onError?.(error) } : {}),
      },
      options,
    );
  }

  comparePositions(a: string, b: string): number {
    return this.inner.comparePositions(a, b);
  }

  headPosition(): Promise<string | undefined> {
    return this.inner.headPosition();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.close();
  }

  private async seal(streamId: string, event: NewEvent): Promise<NewEvent> {
    const childId = childIdFromStreamId(streamId);
    const body = bodyOf(event.data);
    if (childId === undefined || body === undefined || !EVENT_TYPES_WITH_PERSONAL_DATA.has(event.type)) return event;
    const personal = Object.fromEntries(Object.entries(body.data).filter(([field]) => PERSONAL.has(field)));
    if (Object.keys(personal).length === 0) return event;
    const kept = Object.fromEntries(Object.entries(body.data).filter(([field]) => !PERSONAL.has(field)));
    const dateOfBirth = personal.dateOfBirth;
    const cohort = typeof dateOfBirth === 'string' ? { cohortYear: cohortYearOf(dateOfBirth) } : {};
    const encrypted = sealFields(personal, await this.keys.keyFor(childId), aadOf(streamId, event.eventId));
    return { ...event, data: { ...body, data: { ...kept, ...cohort, encrypted } } };
  }

  /** Decrypts a batch, asking the key store once for the keys of every child whose events carry ciphertext. */
  private async openAll(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
    const sealedFor = events.flatMap((event) => {
      const childId = isEncryptedEnvelope(bodyOf(event.data)?.data.encrypted) ? childIdFromStreamId(event.streamId) : undefined;
      return childId === undefined ? [] : [childId];
    });
    const keys = sealedFor.length === 0 ? new Map<string, Buffer | 'erased'>() : await this.keys.existingKeys(sealedFor);
    return events.map((event) => this.open(event, keys));
  }

  private open(event: StoredEvent, keys: ReadonlyMap<string, Buffer | 'erased'>): StoredEvent {
    const body = bodyOf(event.data);
    const envelope = body?.data.encrypted;
    if (body === undefined || !isEncryptedEnvelope(envelope)) return event;
    const childId = childIdFromStreamId(event.streamId);
    const key = childId === undefined ? undefined : keys.get(childId);
    if (key === undefined) throw new MissingChildKeyError(childId ?? event.streamId);
    const { encrypted: _sealed, cohortYear, ...kept } = body.data;
    const data =
      key === 'erased' ? { ...kept, cohortYear, erased: true } : { ...kept, ...openFields(envelope, key, aadOf(event.streamId, event.eventId)) };
    return { ...event, data: { ...body, data } };
  }
}

function aadOf(streamId: string, eventId: string): string {
  return `${streamId}/${eventId}`;
}
