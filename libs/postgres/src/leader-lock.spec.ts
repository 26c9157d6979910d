import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres-server';
import { createPostgresLeaderLock, postgresLeaderHolder, WORKER_LEADER_KEY } from './leader-lock';

type Said = 'leader' | 'standing by' | 'lost';

/** A worker-like node process that competes for leadership and says on stdout what happens to it. */
interface Contender {
  readonly name: string;
  readonly child: ChildProcess;
  readonly said: Said[];
  /** Resolves when the process has said `what` (now or later). */
  says(what: Said): Promise<void>;
}

/**
 * Runs the lock's own TypeScript source in another node process, compiled with SWC as jest does, so the process
 * under test holds a session of its own on the server.
 */
function contender(databaseUrl: string, name: string): Contender {
  const file = join(__dirname, 'leader-lock.ts');
  const script = `
    const { transformSync } = require('@swc/core');
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    const { createPostgresLeaderLock, WORKER_LEADER_KEY } = require(${JSON.stringify(file)});
    const say = (what) => process.stdout.write(what + '\\n');
    const lock = createPostgresLeaderLock(process.argv[1], {
      name: process.argv[2],
      key: WORKER_LEADER_KEY,
      pollMs: 200,
      onStandingBy: () => say('standing by'),
    });
    lock.onLost(() => say('lost'));
    lock.acquire().then(() => say('leader'), (error) => { console.error(error); process.exit(1); });
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['-e', script, databaseUrl, name], { stdio: ['ignore', 'pipe', 'inherit'] });
  const said: Said[] = [];
  const waiting: { what: Said; resolve: () => void }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      said.push(line as Said);
      for (const waiter of waiting.filter((w) => w.what === line)) waiter.resolve();
    }
  });
  return {
    name,
    child,
    said,
    says: (what) =>
      new Promise<void>((resolve, reject) => {
        if (said.includes(what)) return resolve();
        waiting.push({ what, resolve });
        child.once('exit', (code) => reject(new Error(`${name} exited (${String(code)}) before saying "${what}"`)));
      }),
  };
}

function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A TCP relay to the database that can go silent, as a dropped network does: nothing is refused, nothing answers. */
async function silenceableRelay(databaseUrl: string): Promise<{ url: string; goSilent(): void; close(): Promise<void> }> {
  const target = new URL(databaseUrl);
  const sockets: Socket[] = [];
  const server = createServer((inbound) => {
    const outbound = connect(Number(target.port), target.hostname);
    sockets.push(inbound, outbound);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(databaseUrl);
  relayed.port = String((server.address() as AddressInfo).port);
  return {
    url: relayed.toString(),
    goSilent: () => {
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('workers elect one leader through a PostgreSQL advisory lock', () => {
  let db: TestDatabase;
  const started: Contender[] = [];
  const start = (name: string): Contender => {
    const c = contender(db.url, name);
    started.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase('leader-lock');
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => killed(c.child)));
  });
  afterAll(() => db.drop());

  it('of two worker processes only one leads, and the other stands by naming the leader', async () => {
    const first = start('worker A');
    await first.says('leader');
    const second = start('worker B');
    await second.says('standing by');

    expect(second.said).not.toContain('leader');
    // the server keeps the first 63 bytes of an application name
    expect(await postgresLeaderHolder(db.url, WORKER_LEADER_KEY)).toBe(
      `send-journeys leader: worker A (pid ${String(first.child.pid)} on ${hostname()})`.slice(0, 63),
    );
  });

  it('when the leader is killed with SIGKILL the process standing by becomes leader', async () => {
    const first = start('worker A');
    await first.says('leader');
    const second = start('worker B');
    await second.says('standing by');

    await killed(first.child);

    await second.says('leader');
    expect(await postgresLeaderHolder(db.url, WORKER_LEADER_KEY)).toMatch(/^send-journeys leader: worker B /);
  });

  it('a leader whose database session is terminated reports leadership lost, and the standby takes over', async () => {
    const first = start('worker A');
    await first.says('leader');
    const second = start('worker B');
    await second.says('standing by');

    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ terminated: boolean }>(
        "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name LIKE 'send-journeys leader: worker A %'",
      );
      expect(rows).toEqual([{ terminated: true }]);
    } finally {
      await admin.end();
    }

    await first.says('lost');
    await second.says('leader');
  });

  it('a leader that releases hands over, and a released lock may be acquired again', async () => {
    const here = createPostgresLeaderLock(db.url, { name: 'this test', key: WORKER_LEADER_KEY, pollMs: 100 });
    await here.acquire();
    const other = start('worker B');
    await other.says('standing by');
    expect(here.isLeader).toBe(true);

    await here.release();
    expect(here.isLeader).toBe(false);
    await other.says('leader');
    await killed(other.child);

    await here.acquire();
    expect(here.isLeader).toBe(true);
    await here.release();
  });

  it('releasing while standing by stops the attempt to lead', async () => {
    const leader = start('worker A');
    await leader.says('leader');
    const here = createPostgresLeaderLock(db.url, { name: 'this test', key: WORKER_LEADER_KEY, pollMs: 100 });
    const attempt = here.acquire();

    await here.release();

    await expect(attempt).rejects.toThrow('released while standing by');
    expect(here.isLeader).toBe(false);
  });

  it('a leader whose connection goes silent reports leadership lost once its check goes unanswered', async () => {
    const relay = await silenceableRelay(db.url);
    const here = createPostgresLeaderLock(relay.url, { name: 'behind a relay', key: WORKER_LEADER_KEY, pollMs: 100 });
    try {
      await here.acquire();
      const lost = new Promise<Error>((resolve) => here.onLost(resolve));

      relay.goSilent();

      await expect(lost).resolves.toThrow(/did not answer/);
      expect(here.isLeader).toBe(false);
    } finally {
      await here.release();
      await relay.close();
    }
  });
});
