import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { POSTGRES_TYPES } from './pool';

/**
 * Leadership among processes that may all run the same duties but must not run them together (the workers'
 * projections, alert consumer, relay and sweep). One process at a time is the leader.
 */
export interface LeaderLock {
  /** Resolves once this process leads: at once when nobody does, else after the leader has gone. */
  acquire(): Promise<void>;
  /** Called when leadership is lost without release(): from then on another process may lead. */
  onLost(listener: (error: Error) => void): void;
  /** Gives leadership up (or stops standing by, which makes a pending acquire() reject). Harmless twice. */
  release(): Promise<void>;
  readonly isLeader: boolean;
}

export class LeaderLockReleasedError extends Error {
  constructor() {
    super('the leader lock was released while standing by');
    this.name = 'LeaderLockReleasedError';
  }
}

export interface PostgresLeaderLockOptions {
  /** What leads, shown in `pg_stat_activity.application_name` so an operator sees who leads. */
  readonly name: string;
  /** The advisory lock's key: one per kind of leadership, the same in every process that competes for it. */
  readonly key: bigint;
  /**
   * How often a process standing by tries again, and how often the leader checks its connection (a check unanswered
   * for five times this, and at least 5 s, is a lost connection). Default 1 s.
   */
  readonly pollMs?: number;
  /** Told once per attempt to lead that found another process leading. */
  readonly onStandingBy?: () => void;
}

/** The workers' leadership: whoever holds it projects, relays and sweeps. */
export const WORKER_LEADER_KEY = 0x73_6a_6c_65_61_64n; // "sjlead"

const LEADER_APPLICATION_PREFIX = 'send-journeys leader';

/**
 * A session advisory lock (`pg_try_advisory_lock`) held on a connection of its own, never a pooled one: the server
 * keeps a session lock for as long as the session lives, so a pool would hand it to whoever borrows that
 * connection next. The server drops it the moment the session ends however the leader ends (SIGKILL, a lost
 * host, `pg_terminate_backend`), and a process standing by, polling, takes over. The leader cannot tell a broken
 * connection from a slow one, so an error or end on that connection, or a failed check of it, counts as lost
 * leadership: the leader stops its duties, since another process may already have taken them.
 */
export function createPostgresLeaderLock(databaseUrl: string, options: PostgresLeaderLockOptions): LeaderLock {
  const pollMs = options.pollMs ?? 1_000;
  const checkTimeoutMs = Math.max(5 * pollMs, 5_000);
  const lostListeners: ((error: Error) => void)[] = [];
  let client: Client | undefined;
  let leading = false;
  let released = new AbortController();

  // read through functions: the state changes while a loop awaits, which flow analysis cannot see
  const holds = (session: Client, signal: AbortSignal): boolean => leading && client === session && !signal.aborted;
  const aborted = (signal: AbortSignal): boolean => signal.aborted;

  const discard = (stale: Client): void => {
    if (client === stale) client = undefined;
    void stale.end().catch(() => undefined);
  };

  const lose = (stale: Client, error: Error): void => {
    if (client !== stale) return;
    const wasLeading = leading;
    leading = false;
    discard(stale);
    if (wasLeading) for (const listener of lostListeners) listener(error);
  };

  const connect = async (): Promise<Client> => {
    const fresh = new Client({
      connectionString: databaseUrl,
      types: POSTGRES_TYPES,
      keepAlive: true,
      application_name: `${LEADER_APPLICATION_PREFIX}: ${options.name} (pid ${process.pid} on ${hostname()})`,
    });
    client = fresh;
    fresh.on('error', (error) => lose(fresh, error));
    fresh.on('end', () => lose(fresh, new Error('the connection holding the leader lock closed')));
    try {
      await fresh.connect();
    } catch (error) {
      discard(fresh);
      throw error;
    }
    return fresh;
  };

  /** While leading: a query on the lock's connection, so a connection that died silently is found within a poll. */
  const watch = async (held: Client, signal: AbortSignal): Promise<void> => {
    while (holds(held, signal)) {
      await sleep(pollMs, undefined, { signal, ref: false }).catch(() => undefined);
      if (!holds(held, signal)) return;
      // a connection cut without a word (a dropped network) leaves the query hanging: no answer in time is an answer
      const timeout = new AbortController();
      const silence = sleep(checkTimeoutMs, undefined, { signal: timeout.signal, ref: false }).then(
        () => new Error(`the connection holding the leader lock did not answer for ${String(checkTimeoutMs)} ms`),
        () => undefined,
      );
      const answer = held.query('SELECT 1').then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      const failure = await Promise.race([answer, silence]);
      timeout.abort();
      if (failure) lose(held, failure);
    }
  };

  return {
    get isLeader() {
      return leading;
    },
    onLost(listener) {
      lostListeners.push(listener);
    },
    async acquire() {
      if (leading) return;
      if (released.signal.aborted) released = new AbortController();
      const signal = released.signal;
      let saidStandingBy = false;
      for (;;) {
        if (signal.aborted) {
          // the session standing by is this loop's to close
          if (client) discard(client);
          throw new LeaderLockReleasedError();
        }
        try {
          const session = client ?? (await connect());
          const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [options.key.toString()]);
          if (aborted(signal)) continue;
          if (rows[0].locked && client === session) {
            leading = true;
            void watch(session, signal);
            return;
          }
          if (!saidStandingBy) {
            saidStandingBy = true;
            options.onStandingBy?.();
          }
        } catch {
          // the server is unreachable for now: keep standing by, on a new connection
          if (client) discard(client);
        }
        await sleep(pollMs, undefined, { signal, ref: false }).catch(() => undefined);
      }
    },
    async release() {
      released.abort();
      if (!leading) return;
      leading = false;
      const held = client;
      client = undefined;
      // ending the session releases its advisory lock
      await held?.end().catch(() => undefined);
    },
  };
}

/** Who leads now (the leader's application name), for a log line of a process standing by; undefined when nobody. */
export async function postgresLeaderHolder(databaseUrl: string, key: bigint): Promise<string | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // a bigint advisory key is shown split in two 32-bit halves: classid the high, objid the low
    const { rows } = await client.query<{ holder: string }>(
      `SELECT a.application_name AS holder FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
         AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295)
       LIMIT 1`,
      [key.toString()],
    );
    return rows.at(0)?.holder;
  } finally {
    await client.end();
  }
}
