import { randomUUID } from 'node:crypto';
import { ConcurrencyError, DuplicateEventIdError, type EventStore, type NewEvent, type StoredEvent, type Subscription } from '../event-store.port';

/** What really differs between stores; everything else every adapter must do the same way. */
export interface EventStoreContractOptions {
  /** How long to wait for a subscription to catch up or see a live event. */
  readonly liveTimeoutMs: number;
  /**
   * The store starts empty for every test (SQLite in a temp dir). When false (a shared EventStoreDB), other runs
   * write too: the suite then only asserts on its own streams, found by a prefix unique to each test.
   */
  readonly freshStorePerTest: boolean;
  /** An event id reused in a different stream is refused (SQLite); EventStoreDB only checks ids within a stream. */
  readonly refusesEventIdsReusedAcrossStreams: boolean;
  /**
   * Appends one event in a transaction left open until `commit()`, beside the store under test, for stores whose
   * writers run side by side (PostgreSQL). Absent where the store cannot have it: a store with one writer at a
   * time (SQLite) makes every later append wait, and EventStoreDB has no transactions; the case is then skipped.
   */
  readonly holdAppendOpen?: (store: EventStore, streamId: string, event: NewEvent) => Promise<HeldAppend>;
}

/** An append whose transaction is still open. */
export interface HeldAppend {
  commit(): Promise<void>;
}

export interface ContractStore {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/** Event ids are UUIDs: EventStoreDB stores them as such. */
function newEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { correlationId: randomUUID(), recordedBy: 'contract' } };
}

async function collect(iterable: AsyncIterable<StoredEvent[]>): Promise<StoredEvent[][]> {
  const batches: StoredEvent[][] = [];
  for await (const batch of iterable) batches.push(batch);
  return batches;
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

export function describeEventStoreContract(name: string, makeStore: () => Promise<ContractStore>, options: EventStoreContractOptions): void {
  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    /** Unique per test, so the suite can run against a shared live server. */
    let prefix: string;
    const stream = (label: string): string => `${prefix}${label}`;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      prefix = `contract${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
    });

    afterEach(async () => {
      await cleanup();
    });

    it('stores appended events in order with revisions from 0, and reads them back as written', async () => {
      const id = stream('a');
      const first = [newEvent('Opened', { n: 1 }), newEvent('Noted', { n: 2, nested: { list: [1, 'two'] } })];
      const second = [newEvent('Closed', { n: 3 })];

      const r1 = await store.append(id, first, 'no-stream');
      const r2 = await store.append(id, second, r1.nextExpectedRevision);

      expect(r1.nextExpectedRevision).toBe(1);
      expect(r2.nextExpectedRevision).toBe(2);
      const read = await store.readStream(id);
      expect(read.map((e) => [e.streamId, e.streamRevision, e.eventId, e.type])).toEqual(
        [...first, ...second].map((e, i) => [id, i, e.eventId, e.type]),
      );
      expect(read.map((e) => e.data)).toEqual([...first, ...second].map((e) => e.data));
      expect(read.map((e) => e.metadata)).toEqual([...first, ...second].map((e) => e.metadata));
      expect(read[1].position).toBe(r1.position);
      expect(read[2].position).toBe(r2.position);
      for (const event of read) expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);
    });

    it('reads a stream that does not exist as empty', async () => {
      await expect(store.readStream(stream('missing'))).resolves.toEqual([]);
    });

    it('reads a stream from a revision on: only the events at or after it, as a whole read would show them', async () => {
      const id = stream('from');
      const first = await store.append(id, [newEvent('Opened'), newEvent('Noted')], 'no-stream');
      await store.append(id, [newEvent('Noted'), newEvent('Closed')], first.nextExpectedRevision);
      const whole = await store.readStream(id);

      expect(await store.readStream(id, { fromRevision: 0 })).toEqual(whole);
      expect(await store.readStream(id, { fromRevision: 2 })).toEqual(whole.slice(2));
      expect(await store.readStream(id, { fromRevision: 3 })).toEqual(whole.slice(3));
      expect(await store.readStream(id, { fromRevision: 4 })).toEqual([]);
      expect(await store.readStream(stream('never'), { fromRevision: 5 })).toEqual([]);
      await expect(store.readStream(id, { fromRevision: -1 })).rejects.toBeInstanceOf(RangeError);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      const id = stream('race');
      await store.append(id, [newEvent('Opened')], 'no-stream');
      const contenders = [newEvent('ByA'), newEvent('ByB')];

      const outcomes = await Promise.allSettled(contenders.map((event) => store.append(id, [event], 0)));

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConcurrencyError);
      expect(lost[0].reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: id, expected: 0, actual: 1 });
      expect((await store.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1]);
    });

    it('refuses no-stream on an existing stream and a revision on a missing one', async () => {
      const id = stream('exists');
      await store.append(id, [newEvent('Opened')], 'no-stream');

      const onExisting = await rejectionOf(store.append(id, [newEvent('Again')], 'no-stream'));
      const onMissing = await rejectionOf(store.append(stream('absent'), [newEvent('Late')], 3));

      expect(onExisting).toBeInstanceOf(ConcurrencyError);
      expect(onExisting).toMatchObject({ expected: 'no-stream', actual: 0 });
      expect(onMissing).toBeInstanceOf(ConcurrencyError);
      expect(onMissing).toMatchObject({ expected: 3, actual: 'no-stream' });
      expect(await store.readStream(id)).toHaveLength(1);
      expect(await store.readStream(stream('absent'))).toEqual([]);
    });

    it('answers a retried append with the original result and stores the events once', async () => {
      const id = stream('retry');
      const opening = [newEvent('Opened'), newEvent('Noted')];
      const next = [newEvent('Closed')];

      const original = await store.append(id, opening, 'no-stream');
      const retried = await store.append(id, opening, 'no-stream');
      const nextOriginal = await store.append(id, next, 1);
      const nextRetried = await store.append(id, next, 1);

      expect(retried).toEqual(original);
      expect(nextRetried).toEqual(nextOriginal);
      expect((await store.readStream(id)).map((e) => e.eventId)).toEqual([...opening, ...next].map((e) => e.eventId));
    });

    it('answers a retry of an append the stream has since moved past with the original result', async () => {
      const id = stream('moved');
      const opening = [newEvent('Opened')];
      const original = await store.append(id, opening, 'no-stream');
      const next = await store.append(id, [newEvent('Noted')], 0);

      const retried = await store.append(id, opening, 'no-stream');
      const retriedAtRevision = await store.append(id, opening, 'any');

      expect(retried).toEqual(original);
      expect(retriedAtRevision).toEqual(original);
      expect(next.nextExpectedRevision).toBe(1);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['Opened', 'Noted']);
    });

    it('refuses an append that repeats an event id, and one that is empty', async () => {
      const repeated = newEvent('Twice');
      await expect(store.append(stream('twice'), [repeated, repeated], 'no-stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(store.append(stream('empty'), [], 'any')).rejects.toBeInstanceOf(RangeError);
      expect(await store.readStream(stream('twice'))).toEqual([]);
    });

    if (options.refusesEventIdsReusedAcrossStreams) {
      it('refuses an event id already stored in another stream', async () => {
        const event = newEvent('Once');
        await store.append(stream('first'), [event], 'no-stream');

        const error = await rejectionOf(store.append(stream('second'), [event], 'no-stream'));

        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', eventId: event.eventId });
        expect(await store.readStream(stream('second'))).toEqual([]);
      });
    }

    it('reads $all after a position: exactly what came later, in order, in batches, only the asked prefix', async () => {
      if (options.freshStorePerTest) await expect(store.headPosition()).resolves.toBeUndefined();
      const before = await store.append(stream('x'), [newEvent('Before')], 'no-stream');
      const later: NewEvent[] = [];
      let revision = 0;
      for (let i = 0; i < 5; i += 1) {
        const event = newEvent('Later', { i });
        later.push(event);
        if (i % 2 === 0) revision = (await store.append(stream('x'), [event], revision)).nextExpectedRevision;
        else await store.append(stream(`y${i}`), [event], 'no-stream');
      }
      await store.append(`other${prefix}`, [newEvent('ElsewhereEntirely')], 'no-stream');

      const batches = await collect(store.readAll({ after: before.position, streamPrefix: prefix, batchSize: 2 }));

      expect(batches.flat().map((e) => e.eventId)).toEqual(later.map((e) => e.eventId));
      expect(batches.length).toBeGreaterThanOrEqual(3);
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(2);
      if (options.freshStorePerTest) {
        const everything = (await collect(store.readAll())).flat();
        expect(everything.map((e) => e.type)).toEqual(['Before', ...later.map(() => 'Later'), 'ElsewhereEntirely']);
      }
    });

    it('orders positions as the appends happened, beyond single digits', async () => {
      const positions: string[] = [];
      for (let i = 0; i < 12; i += 1) positions.push((await store.append(stream(`p${i}`), [newEvent('P')], 'no-stream')).position);

      for (let i = 1; i < positions.length; i += 1) {
        expect(store.comparePositions(positions[i - 1], positions[i])).toBeLessThan(0);
        expect(store.comparePositions(positions[i], positions[i - 1])).toBeGreaterThan(0);
        expect(store.comparePositions(positions[i], positions[i])).toBe(0);
      }
      const head = await store.headPosition();
      if (head === undefined) throw new Error('a store holding events has no head position');
      expect(store.comparePositions(head, positions[positions.length - 1])).toBeGreaterThanOrEqual(0);
      if (options.freshStorePerTest) expect(head).toBe(positions[positions.length - 1]);
    });

    const describeHeldAppend = options.holdAppendOpen ? it : it.skip;
    describeHeldAppend('keeps readers behind an append whose transaction is still open, then gives them both in order', async () => {
      const hold = options.holdAppendOpen;
      if (!hold) throw new Error('unreachable: the case runs only with holdAppendOpen');
      const marker = await store.append(stream('marker'), [newEvent('Marker')], 'no-stream');
      const early = newEvent('TakenFirstCommittedLast');
      const late = newEvent('TakenLaterCommittedFirst');
      const delivered: string[] = [];
      const errors: Error[] = [];
      let caughtUp = false;
      const held = await hold(store, stream('held'), early);
      let committed = false;
      const subscription = store.subscribeToAll(
        { onEvent: (event) => void delivered.push(event.eventId), onCaughtUp: () => (caughtUp = true), onError: (error) => errors.push(error) },
        { after: marker.position, streamPrefix: prefix },
      );
      try {
        await store.append(stream('late'), [late], 'no-stream');
        await waitFor(() => caughtUp, options.liveTimeoutMs, 'catch-up');

        const whileOpen = (await collect(store.readAll({ after: marker.position, streamPrefix: prefix }))).flat();

        expect(whileOpen).toEqual([]);
        expect(delivered).toEqual([]);

        await held.commit();
        committed = true;
        await waitFor(() => delivered.length >= 2, options.liveTimeoutMs, 'both events after the commit');

        const afterCommit = (await collect(store.readAll({ after: marker.position, streamPrefix: prefix }))).flat();
        expect(afterCommit.map((e) => e.eventId)).toEqual([early.eventId, late.eventId]);
        expect(delivered).toEqual([early.eventId, late.eventId]);
        expect(errors).toEqual([]);
      } finally {
        if (!committed) await held.commit();
        await subscription.stop();
      }
    });

    it('catches a subscription up, signals it once, then delivers new events live, in order, awaiting each', async () => {
      const marker = await store.append(stream('marker'), [newEvent('Marker')], 'no-stream');
      const existing = [newEvent('Existing1'), newEvent('Existing2')];
      await store.append(stream('s'), existing, 'no-stream');
      const seen: string[] = [];
      let caughtUpAt: number | undefined;
      let caughtUpCalls = 0;
      let inHandler = false;
      const errors: Error[] = [];
      let subscription: Subscription | undefined;
      try {
        subscription = store.subscribeToAll(
          {
            onEvent: async (event) => {
              if (inHandler) throw new Error('handler entered twice at once');
              inHandler = true;
              await new Promise((resolve) => setTimeout(resolve, 2));
              seen.push(event.eventId);
              inHandler = false;
            },
            onCaughtUp: () => {
              caughtUpCalls += 1;
              caughtUpAt = seen.length;
            },
            onError: (error) => errors.push(error),
          },
          { after: marker.position, streamPrefix: `${prefix}s` },
        );
        await waitFor(() => caughtUpAt !== undefined, options.liveTimeoutMs, 'catch-up');
        expect(caughtUpAt).toBe(2);
        expect(seen).toEqual(existing.map((e) => e.eventId));

        const live = [newEvent('Live1'), newEvent('Live2'), newEvent('Live3')];
        await store.append(stream('s'), [live[0]], 1);
        await store.append(stream('elsewhere'), [newEvent('NotForThisSubscription')], 'no-stream');
        await store.append(stream('s'), [live[1], live[2]], 2);
        await waitFor(() => seen.length >= 5, options.liveTimeoutMs, 'live events');

        expect(seen).toEqual([...existing, ...live].map((e) => e.eventId));
        expect(caughtUpCalls).toBe(1);
        expect(errors).toEqual([]);

        await subscription.stop();
        subscription = undefined;
        await store.append(stream('s'), [newEvent('AfterStop')], 4);
        await new Promise((resolve) => setTimeout(resolve, Math.min(options.liveTimeoutMs, 300)));
        expect(seen).toHaveLength(5);
      } finally {
        await subscription?.stop();
      }
    });

    it('ends a subscription whose handler fails and reports the failure', async () => {
      const marker = await store.append(stream('marker'), [newEvent('Marker')], 'no-stream');
      await store.append(stream('f'), [newEvent('Poison'), newEvent('NeverDelivered')], 'no-stream');
      const failure = new Error('handler failed');
      const errors: Error[] = [];
      let calls = 0;

      const subscription = store.subscribeToAll(
        {
          onEvent: () => {
            calls += 1;
            throw failure;
          },
          onError: (error) => errors.push(error),
        },
        { after: marker.position, streamPrefix: prefix },
      );
      try {
        await waitFor(() => errors.length > 0, options.liveTimeoutMs, 'the error');
        expect(errors).toEqual([failure]);
        expect(calls).toBe(1);
      } finally {
        await subscription.stop();
      }
    });
  });
}
