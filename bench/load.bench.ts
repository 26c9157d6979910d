import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sj/config';
import { addDays, JOURNEY_EVENT_SCHEMA_VERSIONS, type JourneyEvent } from '@sj/domain';
import { encodeJourneyEvent, journeyStreamId, SqliteEventStore, type NewEvent } from '@sj/event-store';
import { startLocalRedis } from '@sj/queues';
import { mintLocalToken } from '../apps/api/src/auth/mint-token';
import { createApiApp } from '../apps/api/src/bootstrap';
import { openLocalSigningSecret } from '../apps/shared/src/storage';
import type { BenchRow } from './bench-row';

/**
 * Load on loopback against `npm start`'s shape (API and worker in one process, SQLite under DATA_DIR, a throwaway
 * redis-server): write throughput and latency at a fixed 200 req/s and at saturation with 10 and 50 connections,
 * over children whose streams hold 10, 100 and 1,000 events; a journey read of a 1,000-event child; the same for
 * `GET /health` as the baseline. Each phase runs a few seconds, so the file takes about two minutes.
 */
const TODAY = '2026-11-30';
const AREA = 'north';
const CHILDREN_PER_LENGTH = 10;
const LENGTHS = [10, 100, 1000] as const;
const FIXED_RATE = 200;
const FIXED_MS = 5000;
const SATURATION_MS = 4000;
const READ_MS = 3000;

interface Sample {
  readonly ms: number;
  readonly status: number;
}

interface Client {
  send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Sample>;
  close(): void;
}

function clientFor(baseUrl: string, authorization: string, connections: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  return {
    send: (method, path, body) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const started = process.hrtime.bigint();
        const req = request(
          {
            agent,
            hostname,
            port,
            method,
            path,
            headers: { authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode ?? 0 }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Measured {
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly errors: number;
  /**
   * CPU time of this process per request: the server, its worker and the bench's own client together. Steadier than
   * latency on a machine shared with other work, so a change can be compared by it.
   */
  readonly cpuMs: number;
}

function summarise(samples: readonly Sample[], elapsedMs: number, cpuSince: NodeJS.CpuUsage): Measured {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const ok = samples.filter((s) => s.status < 400).length;
  const cpu = process.cpuUsage(cpuSince);
  return {
    perSecond: ok / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: samples.length - ok,
    cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(samples.length, 1),
  };
}

/** Requests sent on a fixed schedule (open loop), whatever the answers' speed. */
async function atFixedRate(rate: number, ms: number, call: (i: number) => Promise<Sample>): Promise<Measured> {
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const cpuSince = process.cpuUsage();
  const started = Date.now();
  for (let i = 0; ; i++) {
    const due = started + (i * 1000) / rate;
    if (due - started >= ms) break;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(call(i).then((sample) => void samples.push(sample)));
  }
  await Promise.all(inFlight);
  return summarise(samples, Date.now() - started, cpuSince);
}

/** `connections` callers, each sending its next request as soon as the last is answered. */
async function atSaturation(connections: number, ms: number, call: (i: number) => Promise<Sample>): Promise<Measured> {
  const samples: Sample[] = [];
  const cpuSince = process.cpuUsage();
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() - started < ms) samples.push(await call(next++));
    }),
  );
  return summarise(samples, Date.now() - started, cpuSince);
}

/** A child's history as it builds up over years: mostly changes of details, every tenth entry a suspension. */
function history(childId: string, length: number): NewEvent[] {
  const events: NewEvent[] = [];
  for (let i = 1; i < length; i++) {
    const on = addDays('2022-09-05', Math.floor((i * 1400) / 1000));
    const event: JourneyEvent =
      i % 10 === 0
        ? { type: 'SuspensionRecorded', occurredOn: on, data: { suspensionId: `h${i}`, school: 'Oak Primary', schoolDays: 1, reason: 'damage' } }
        : { type: 'ChildDetailsChanged', occurredOn: on, data: { school: `School ${i % 7}` } };
    const eventId = randomUUID();
    events.push(
      encodeJourneyEvent(event, {
        eventId,
        recordedAt: `${on}T10:00:00.000Z`,
        recordedBy: 'bench-history',
        correlationId: childId,
        schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
      }),
    );
  }
  return events;
}

/** What a caseworker records during the run: changes of school, and now and then a suspension. */
function todaysEntry(i: number): unknown {
  return i % 5 === 0
    ? {
        type: 'SuspensionRecorded',
        occurredOn: TODAY,
        data: { suspensionId: `t${i}-${randomUUID()}`, school: 'Oak Primary', schoolDays: 1, reason: 'damage' },
      }
    : { type: 'ChildDetailsChanged', occurredOn: TODAY, data: { school: `School ${i % 11}` } };
}

const ms = (n: number): number => Math.round(n * 100) / 100;
const cpuNote = (m: Measured): string => `; CPU ${ms(m.cpuMs)} ms/request`;
const verdict = (pass: boolean): 'pass' | 'fail' => (pass ? 'pass' : 'fail');

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-bench-load-'));
  const redis = await startLocalRedis({ dataDir: dir, preferredPort: 0 });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dir,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'error',
    CLOCK_TODAY: TODAY,
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const app = await createApiApp(config, { withWorker: true });
  const rows: BenchRow[] = [];
  const clients: Client[] = [];
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const secrets = await openLocalSigningSecret(config);
    const token = await mintLocalToken(secrets, { sub: 'bench-caseworker', role: 'caseworker', areas: [AREA] }).finally(() => secrets.close());
    const client = (connections: number): Client => {
      const made = clientFor(baseUrl, `Bearer ${token}`, connections);
      clients.push(made);
      return made;
    };
    const setup = client(10);

    // children registered through the API (their names sealed with their keys), histories appended beside it
    const children = new Map<number, string[]>(LENGTHS.map((length) => [length, []]));
    const history$ = new SqliteEventStore(join(dir, 'events.sqlite'));
    try {
      for (const length of LENGTHS) {
        for (let c = 0; c < CHILDREN_PER_LENGTH; c++) {
          const childId = `load-${length}-${c}`;
          const registered = await setup.send('POST', `/children/${childId}/events`, {
            type: 'ChildRegistered',
            occurredOn: '2022-09-01',
            data: { givenName: 'Load', familyName: `Child ${c}`, dateOfBirth: '2014-05-01', area: AREA },
          });
          if (registered.status !== 201) throw new Error(`registering ${childId} answered ${registered.status}`);
          const events = history(childId, length);
          for (let at = 0; at < events.length; at += 200) {
            await history$.append(journeyStreamId(childId), events.slice(at, at + 200), at);
          }
          children.get(length)?.push(childId);
        }
      }
    } finally {
      await history$.close();
    }
    process.stderr.write('bench: load: histories written, waiting for the worker to catch up\n');
    const caughtUpBy = Date.now() + 120_000;
    for (;;) {
      const health = await fetch(`${baseUrl}/health`).then((r) => r.json() as Promise<{ projections: { lag: number | null } }>);
      if (health.projections.lag === 0 || Date.now() > caughtUpBy) {
        process.stderr.write(`bench: load: worker lag ${String(health.projections.lag)} events; measuring\n`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    // each child read once, so the phases time steady recording rather than each process's first fold of a history
    for (const ids of children.values()) for (const childId of ids) await setup.send('GET', `/children/${childId}/journey`);

    const health = (c: Client) => () => c.send('GET', '/health');
    const fixedHealth = await atFixedRate(FIXED_RATE, FIXED_MS, health(client(FIXED_RATE)));
    const health10 = await atSaturation(10, SATURATION_MS, health(client(10)));
    rows.push(
      {
        benchmark: 'load: GET /health at 200 req/s, p50 / p95 / p99',
        result: ms(fixedHealth.p99),
        unit: 'ms p99',
        note: `p50 ${ms(fixedHealth.p50)}, p95 ${ms(fixedHealth.p95)}`,
      },
      {
        benchmark: 'load: GET /health, 10 connections',
        result: Math.round(health10.perSecond),
        unit: 'req/s',
        note: `p50 ${ms(health10.p50)}, p95 ${ms(health10.p95)}, p99 ${ms(health10.p99)} ms`,
      },
    );

    const saturated10 = new Map<number, number>();
    for (const length of LENGTHS) {
      process.stderr.write(`bench: load: writes over ${length}-event streams\n`);
      const ids = children.get(length) ?? [];
      const write = (c: Client) => (i: number) => c.send('POST', `/children/${ids[i % ids.length]}/events`, todaysEntry(i));
      const fixed = await atFixedRate(FIXED_RATE, FIXED_MS, write(client(FIXED_RATE)));
      const s10 = await atSaturation(10, SATURATION_MS, write(client(10)));
      const s50 = await atSaturation(50, SATURATION_MS, write(client(50)));
      saturated10.set(length, s10.perSecond);
      const errors = fixed.errors + s10.errors + s50.errors;
      rows.push(
        {
          benchmark: `load: writes at 200 req/s, ${length}-event streams`,
          result: ms(fixed.p99),
          unit: 'ms p99',
          target: '< 25',
          verdict: verdict(fixed.p99 < 25 && fixed.errors === 0),
          note: `p50 ${ms(fixed.p50)}, p95 ${ms(fixed.p95)}; ${Math.round(fixed.perSecond)} req/s${cpuNote(fixed)}${errors ? `; ${errors} errors` : ''}`,
        },
        {
          benchmark: `load: writes, 10 connections, ${length}-event streams`,
          result: Math.round(s10.perSecond),
          unit: 'req/s',
          note: `p50 ${ms(s10.p50)}, p95 ${ms(s10.p95)}, p99 ${ms(s10.p99)} ms${cpuNote(s10)}`,
        },
        {
          benchmark: `load: writes, 50 connections, ${length}-event streams`,
          result: Math.round(s50.perSecond),
          unit: 'req/s',
          note: `p50 ${ms(s50.p50)}, p95 ${ms(s50.p95)}, p99 ${ms(s50.p99)} ms${cpuNote(s50)}`,
        },
      );
    }
    const ratio = (saturated10.get(1000) ?? 0) / (saturated10.get(10) ?? Number.NaN);
    rows.push({
      benchmark: 'load: write throughput at 1,000 events per stream / at 10 (10 connections)',
      result: Math.round(ratio * 100),
      unit: '%',
      target: '>= 90',
      verdict: verdict(ratio >= 0.9),
    });

    const longest = children.get(1000)?.[0] ?? '';
    const reader = client(1);
    await reader.send('GET', `/children/${longest}/journey`);
    const read = await atSaturation(1, READ_MS, () => reader.send('GET', `/children/${longest}/journey`));
    rows.push({
      benchmark: 'load: GET journey of a 1,000-event child, one reader',
      result: ms(read.p95),
      unit: 'ms p95',
      target: '< 20',
      verdict: verdict(read.p95 < 20 && read.errors === 0),
      note: `p50 ${ms(read.p50)}, p99 ${ms(read.p99)} ms${cpuNote(read)}${read.errors ? `; ${read.errors} errors` : ''}`,
    });
    return rows;
  } finally {
    for (const c of clients) c.close();
    try {
      await app.close();
    } finally {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
