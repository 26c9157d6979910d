import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { createServer } from 'node:net';
import { ConcurrencyError, EventStoreUnavailableError } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore, toPortError } from './eventstoredb.event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    'EventStoreDB',
    async () => {
      const store = new EventStoreDbEventStore(connectionString);
      return { store, cleanup: () => store.close() };
    },
    { liveTimeoutMs: 10_000, freshStorePerTest: false, refusesEventIdsReusedAcrossStreams: false },
  );
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('EventStoreDB adapter without a server', () => {
  it("maps the client's wrong-expected-version failure to the port's ConcurrencyError with the actual revision", () => {
    const clientError = new WrongExpectedVersionError(undefined, { streamName: 'journey-1', expected: BigInt(3), current: BigInt(5) });

    const mapped = toPortError(clientError, { streamId: 'journey-1', expected: 3 });

    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamId: 'journey-1', expected: 3, actual: 5 });
  });

  it('maps a wrong expected version on a missing stream to actual no-stream', () => {
    const clientError = new WrongExpectedVersionError(undefined, { streamName: 'journey-2', expected: BigInt(0), current: NO_STREAM });

    expect(toPortError(clientError, { streamId: 'journey-2', expected: 0 })).toMatchObject({ actual: 'no-stream' });
  });

  it('reports an unreachable server as unavailable on ping and on append', async () => {
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false&defaultDeadline=3000`);
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(
        store.append(
          'journey-3',
          [{ eventId: '8d3c7f0e-6f5a-4a57-9d83-2f0f3f1f1a11', type: 'ChildRegistered', data: {}, metadata: {} }],
          'no-stream',
        ),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('surfaces a subscription that cannot reach the server through onError, without resubscribing', async () => {
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false&defaultDeadline=3000`);
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({ onEvent: () => undefined, onError: (error) => errors.push(error) });
    try {
      const deadline = Date.now() + 10_000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await subscription.stop();
      await store.close();
    }
  });
});
