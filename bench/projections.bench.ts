import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNEY_EVENT_SCHEMA_VERSIONS, type ClockStatus, type ReferralService } from '@sj/domain';
import { DEMO_AREAS, generateDemoCaseload } from '@sj/demo';
import { encodeJourneyEvent, EVENT_STORE_SCHEMA, journeyStreamId, PostgresEventStore, SqliteEventStore, type EventStore } from '@sj/event-store';
import { createPostgresPool, createScratchDatabase, migrate, postgresBinDir, startThrowawayPostgres } from '@sj/postgres';
import {
  childAreasProjection,
  childrenProjection,
  clocksProjection,
  PostgresReadModelStore,
  ProjectionRunner,
  SqliteReadModelStore,
  suspensionsProjection,
  timelinessProjection,
  waitingTimesProjection,
  type ReadModelStore,
} from '@sj/read-models';
import { startBenchApi, type BenchApi } from './bench-api';
import type { BenchRow } from './bench-row';

const TARGET_EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 1_000_000);
const TODAY = '2026-11-23';
const CHILDREN_PER_TRANSACTION = 2_000;
const QUERY_RUNS = 300;
const HTTP_WARM_UP = 20;
const HTTP_RUNS = 200;

/** One event of the demo log as the stores keep it: stream, revision, id, type, data and metadata as JSON, recorded at. */
type LogRow = [streamId: string, revision: number, eventId: string, type: string, data: string, metadata: string, recordedAt: string];

/**
 * The demo caseload's events, TARGET_EVENTS of them, in batches of CHILDREN_PER_TRANSACTION children (each child's
 * stream whole), encoded as the journey codec stores them; progress on stderr.
 */
function* demoLog(): Generator<LogRow[]> {
  const recordedAt = `${TODAY}T09:00:00.000Z`;
  let events = 0;
  let children = 0;
  let pending: LogRow[] = [];
  const started = Date.now();
  // more children than needed: the generator is lazy, so only those used are made
  for (const child of generateDemoCaseload({ seed: 42, children: TARGET_EVENTS, today: TODAY })) {
    const correlationId = `bench-${child.childId}`;
    child.events.forEach(({ eventId, event }, revision) => {
      const encoded = encodeJourneyEvent(event, {
        eventId,
        recordedAt,
        recordedBy: 'demo-loader',
        correlationId,
        schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
      });
      pending.push([
        journeyStreamId(child.childId),
        revision,
        encoded.eventId,
        encoded.type,
        JSON.stringify(encoded.data),
        JSON.stringify(encoded.metadata),
        recordedAt,
      ]);
    });
    events += child.events.length;
    children += 1;
    if (children % CHILDREN_PER_TRANSACTION === 0) {
      yield pending;
      pending = [];
      process.stderr.write(
        `  generating log: ${events.toLocaleString('en-GB')} events, ${children.toLocaleString('en-GB')} children, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
    }
    if (events >= TARGET_EVENTS) break;
  }
  yield pending;
}

interface GeneratedLog {
  readonly events: number;
  readonly children: number;
}

function counted(batch: readonly LogRow[], log: { events: number; children: number }): void {
  log.events += batch.length;
  log.children += batch.filter((row) => row[1] === 0).length;
}

/**
 * Writes the demo caseload straight into the SQLite store's `events` table, many children per
 * transaction: the log a million appends would leave, built in seconds rather than the fsync-bound
 * minutes of one append per child. The store creates the schema first, so the layout is its own.
 */
export function generateLog(file: string): GeneratedLog {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const flush = db.transaction((rows: readonly LogRow[]) => {
    for (const row of rows) insert.run(...row);
  });
  const log = { events: 0, children: 0 };
  for (const batch of demoLog()) {
    flush(batch);
    counted(batch, log);
  }
  db.close();
  return log;
}

/**
 * The same log straight into the PostgreSQL store's `events` table (its own migration made it), many children per
 * transaction through unnest: each transaction stamps its rows with its id, as the store's appends would.
 */
async function generatePostgresLog(databaseUrl: string): Promise<GeneratedLog> {
  const pool = createPostgresPool(databaseUrl, { max: 1 });
  try {
    await migrate(pool, EVENT_STORE_SCHEMA);
    const log = { events: 0, children: 0 };
    for (const batch of demoLog()) {
      await pool.query(
        `INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata, created_at)
         SELECT s, r, i, t, d::jsonb, m::jsonb, c::timestamptz
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e (s, r, i, t, d, m, c)`,
        [0, 1, 2, 3, 4, 5, 6].map((column) => batch.map((row) => row[column])),
      );
      counted(batch, log);
    }
    await pool.query('VACUUM (ANALYZE) events');
    return log;
  } finally {
    await pool.end();
  }
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

async function timeQueries(run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run(i); // warm the page cache and the statement cache
  const samples: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return p95(samples);
}

interface ClockMix {
  statuses: ClockStatus[];
  area?: string;
  clock?: 'final-plan';
}
interface WaitingMix {
  service: ReferralService;
  area?: string;
}
const CLOCK_MIX: ClockMix[] = [
  { statuses: ['breached'] },
  ...DEMO_AREAS.map((area): ClockMix => ({ statuses: ['breached'], area })),
  { statuses: ['breached'], clock: 'final-plan' },
  { statuses: ['due-soon'] },
];
const WAITING_MIX: WaitingMix[] = [
  { service: 'autism-assessment' },
  ...DEMO_AREAS.map((area): WaitingMix => ({ service: 'autism-assessment', area })),
  { service: 'camhs' },
  { service: 'occupational-therapy' },
];

/** `GET path?query` against the running API, the whole body read; anything but a 200 throws. */
async function httpGet(api: BenchApi, path: string, query: Record<string, string>): Promise<string> {
  const url = `${api.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
  const response = await fetch(url, { headers: { authorization: api.authorization, accept: 'application/json' } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 500)}`);
  return body;
}

/**
 * p95 wall time of `GET path` against the running API, one request at a time over a kept-alive connection
 * (the global fetch's default), cycling through `mix`: time to the whole body, as a browser waits for it.
 * Every answer must be a 200, so a 401, 403 or 429 can never pass for a fast answer.
 */
async function timeHttp(api: BenchApi, path: string, mix: readonly Record<string, string>[]): Promise<number> {
  for (let i = 0; i < HTTP_WARM_UP; i++) await httpGet(api, path, mix[i % mix.length]);
  const samples: number[] = [];
  for (let i = 0; i < HTTP_RUNS; i++) {
    const started = performance.now();
    await httpGet(api, path, mix[i % mix.length]);
    samples.push(performance.now() - started);
  }
  return p95(samples);
}

/** The same filters as the query-function rows, as query strings; the default asOf (CLOCK_TODAY = TODAY). */
const CLOCK_HTTP_MIX = CLOCK_MIX.map(({ statuses, area, clock }) => ({
  status: statuses.join(','),
  ...(area !== undefined ? { area } : {}),
  ...(clock !== undefined ? { clock } : {}),
  pageSize: '50',
}));
const WAITING_HTTP_MIX = WAITING_MIX.map(({ service, area }) => ({ service, ...(area !== undefined ? { area } : {}), pageSize: '50' }));
const TREND_HTTP_MIX = WAITING_MIX.map(({ service, area }) => ({ service, ...(area !== undefined ? { area } : {}) }));

const projections = () => [
  childrenProjection,
  childAreasProjection,
  clocksProjection(),
  waitingTimesProjection,
  suspensionsProjection(),
  timelinessProjection,
];

/** Where one run keeps the log and the read models, and how the API is started over them. */
interface Engine {
  /** Put before each row's name: '' for the embedded SQLite default, so its rows keep their names across releases. */
  readonly prefix: string;
  readonly log: GeneratedLog;
  readonly generationSeconds: number;
  readonly generationNote: string;
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  /** A working folder for the API (its Redis, and on SQLite the files). */
  readonly dataDir: string;
  readonly apiEnv: Readonly<Record<string, string>>;
}

/** Rebuilds the read models from the engine's log, times the managers' queries on them, then over HTTP through the API. */
async function measure(engine: Engine): Promise<BenchRow[]> {
  const { prefix, log, store, readModels } = engine;
  const runner = new ProjectionRunner(store, readModels, projections(), { batchSize: 2000 });
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  const rebuildStarted = process.hrtime.bigint();
  let lastReport = 0;
  const projected = await runner.rebuild((p) => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (p.eventsProjected - lastReport >= 100_000) {
      lastReport = p.eventsProjected;
      process.stderr.write(`  ${prefix}rebuilding: ${p.eventsProjected.toLocaleString('en-GB')}/${log.events.toLocaleString('en-GB')} events\n`);
    }
  });
  const rebuildSeconds = Number(process.hrtime.bigint() - rebuildStarted) / 1e9;
  clearInterval(sampler);
  if (projected !== log.events) throw new Error(`rebuild projected ${projected} events, the log holds ${log.events}`);
  const rate = projected / rebuildSeconds;
  const peakMiB = peakRss / 2 ** 20;

  const clocksP95 = await timeQueries((i) => readModels.clocks({ asOf: TODAY, page: 1, pageSize: 50, ...CLOCK_MIX[i % CLOCK_MIX.length] }));
  const waitingP95 = await timeQueries((i) =>
    readModels.waitingTimes({ asOf: TODAY, page: 1, pageSize: 50, ...WAITING_MIX[i % WAITING_MIX.length] }),
  );
  const trendP95 = await timeQueries((i) => readModels.waitingTrend({ asOf: TODAY, ...WAITING_MIX[i % WAITING_MIX.length] }));
  const breached = (await readModels.clocks({ asOf: TODAY, page: 1, pageSize: 1, statuses: ['breached'] })).total;
  const autismWaiting = (await readModels.waitingTimes({ asOf: TODAY, page: 1, pageSize: 1, service: 'autism-assessment' })).total;
  await readModels.close();
  await store.close();

  // the same queries through the real API: sign-in, rate limit, validation, query bus, read audit, JSON
  process.stderr.write(`  ${prefix}timing GET /clocks, /waiting-times, /waiting-times/trend over HTTP\n`);
  const api = await startBenchApi(engine.dataDir, TODAY, engine.apiEnv);
  let clocksHttpP95: number;
  let waitingHttpP95: number;
  let trendHttpP95: number;
  try {
    // the API must be answering over the read models just rebuilt, not an empty or stale one
    const httpBreached = (JSON.parse(await httpGet(api, '/clocks', { status: 'breached', pageSize: '1' })) as { total: number }).total;
    if (httpBreached !== breached)
      throw new Error(
        `GET /clocks?status=breached says ${httpBreached} breached, the read model ${breached}: the API is not reading this read model`,
      );
    clocksHttpP95 = await timeHttp(api, '/clocks', CLOCK_HTTP_MIX);
    waitingHttpP95 = await timeHttp(api, '/waiting-times', WAITING_HTTP_MIX);
    trendHttpP95 = await timeHttp(api, '/waiting-times/trend', TREND_HTTP_MIX);
  } finally {
    await api.close();
  }
  const httpNote = `${HTTP_RUNS} sequential requests after ${HTTP_WARM_UP} warm-up, keep-alive, manager token for the ${DEMO_AREAS.length} demo areas, read audit on`;

  const scale = `${log.events.toLocaleString('en-GB')} events, ${log.children.toLocaleString('en-GB')} children`;
  return [
    {
      benchmark: `${prefix}demo log generation (direct inserts)`,
      result: Math.round(log.events / engine.generationSeconds),
      unit: 'events/s',
      note: `${scale} in ${engine.generationSeconds.toFixed(0)} s${engine.generationNote}`,
    },
    {
      benchmark: `${prefix}projection rebuild, 6 read models`,
      result: Math.round(rate),
      unit: 'events/s',
      target: '>= 20000',
      verdict: rate >= 20_000 ? 'pass' : 'fail',
      note: `${rebuildSeconds.toFixed(1)} s`,
    },
    {
      benchmark: `${prefix}projection rebuild peak RSS`,
      result: Math.round(peakMiB),
      unit: 'MiB',
      target: '< 1024',
      verdict: peakMiB < 1024 ? 'pass' : 'fail',
      note: `whole bench process, sampled every 50 ms; ${Math.round(rssBefore / 2 ** 20)} MiB before`,
    },
    {
      benchmark: `${prefix}GET /clocks p95 (query function)`,
      result: Number(clocksP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: clocksP95 < 50 ? 'pass' : 'fail',
      note: `status=breached by area/clock, due-soon; ${breached} breached`,
    },
    {
      benchmark: `${prefix}GET /waiting-times p95 (query function)`,
      result: Number(waitingP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: waitingP95 < 50 ? 'pass' : 'fail',
      note: `autism by area, camhs, OT; ${autismWaiting} waiting for autism`,
    },
    {
      benchmark: `${prefix}GET /waiting-times/trend p95 (query function)`,
      result: Number(trendP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: trendP95 < 50 ? 'pass' : 'fail',
      note: 'twelve month-ends over every referral open in the year (dashboard chart)',
    },
    {
      benchmark: `${prefix}GET /clocks p95 (HTTP)`,
      result: Number(clocksHttpP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: clocksHttpP95 < 50 ? 'pass' : 'fail',
      note: `same mix, pageSize=50; ${httpNote}`,
    },
    {
      benchmark: `${prefix}GET /waiting-times p95 (HTTP)`,
      result: Number(waitingHttpP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: waitingHttpP95 < 50 ? 'pass' : 'fail',
      note: `same mix, pageSize=50; ${httpNote}`,
    },
    {
      benchmark: `${prefix}GET /waiting-times/trend p95 (HTTP)`,
      result: Number(trendHttpP95.toFixed(1)),
      unit: 'ms',
      target: '< 50',
      verdict: trendHttpP95 < 50 ? 'pass' : 'fail',
      note: `same mix; ${httpNote}`,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...(await sqliteRows()), ...(await postgresRows())];
}

/** The embedded default: the log and the read models in SQLite files. */
async function sqliteRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-bench-projections-'));
  try {
    const eventsFile = join(dir, 'events.sqlite');
    await new SqliteEventStore(eventsFile).close();
    const generatedAt = Date.now();
    const log = generateLog(eventsFile);
    return await measure({
      prefix: '',
      log,
      generationSeconds: (Date.now() - generatedAt) / 1000,
      generationNote: '',
      store: new SqliteEventStore(eventsFile, { batchSize: 2000 }),
      readModels: SqliteReadModelStore.open(join(dir, 'read-models.sqlite')),
      dataDir: dir,
      apiEnv: {},
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The production shape on PostgreSQL: the same log in the PostgreSQL event store, read models projected into the
 * same server, the API with DATABASE_URL (every store there), on a throw-away cluster with fsync and synchronous
 * commit on, as production runs.
 */
async function postgresRows(): Promise<BenchRow[]> {
  if (postgresBinDir() === undefined) {
    return [
      {
        benchmark: 'PostgreSQL: projection rebuild and queries',
        result: 0,
        unit: '',
        verdict: 'fail',
        note: 'not run: PostgreSQL is not installed (apt-get install postgresql)',
      },
    ];
  }
  const dir = mkdtempSync(join(tmpdir(), 'sj-bench-projections-pg-'));
  const server = await startThrowawayPostgres({ durable: true });
  try {
    const database = await createScratchDatabase(server.url, 'bench-projections');
    const generatedAt = Date.now();
    const log = await generatePostgresLog(database.url);
    return await measure({
      prefix: 'PostgreSQL: ',
      log,
      generationSeconds: (Date.now() - generatedAt) / 1000,
      generationNote: ', then VACUUM ANALYZE',
      store: new PostgresEventStore(database.url, { batchSize: 2000 }),
      readModels: await PostgresReadModelStore.open(database.url),
      dataDir: dir,
      apiEnv: { DATABASE_URL: database.url },
    });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
