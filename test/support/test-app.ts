import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type AppConfig } from '@sj/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { tokenFor } from './auth';
import { setDefaultToken } from './http';

export interface TestAppOptions {
  /** Where the SQLite store lives; a new temporary directory (removed on close) when absent. */
  readonly dataDir?: string;
  /** Fixed "today" (YYYY-MM-DD). */
  readonly clockToday?: string;
  /** Redis to use; the run's shared redis-server (TEST_REDIS_URL) when absent. */
  readonly redisUrl?: string;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** Extra environment, e.g. `{ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: ... }`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Also run the worker (projections, alerts) in the same process, as `npm start` does. */
  readonly withWorker?: boolean;
  /** Listen on this port (when a URL naming it must be configured first, e.g. an OpenID Connect callback); a free one when absent. */
  readonly port?: number;
}

export interface TestApp {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly config: AppConfig;
  /** The Nest application, for tests that look at its wiring (routes, providers). */
  readonly nest: NestExpressApplication;
  close(): Promise<void>;
}

/** Boots the real API (real HTTP on a free port, real SQLite, real Redis) for an e2e test. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sj-e2e-'));
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL;
  if (redisUrl === undefined) throw new Error('TEST_REDIS_URL is not set: run the tests through jest (test/support/global-setup.ts starts Redis)');
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    // apps on one data folder share their queues; other test files' apps on the same Redis never see them
    QUEUE_PREFIX: `t-${basename(dataDir)}`,
    LOG_LEVEL: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'error',
    ...(options.clockToday !== undefined ? { CLOCK_TODAY: options.clockToday } : {}),
    ...options.env,
  });
  const app = await createApiApp(config, { withWorker: options.withWorker ?? false });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  if (config.auth.kind === 'local') setDefaultToken(baseUrl, await tokenFor({ config }, { sub: 'test-admin', role: 'admin', areas: '*' }));
  let closed = false;
  return {
    baseUrl,
    dataDir,
    config,
    nest: app,
    close: async () => {
      if (closed) return;
      closed = true;
      setDefaultToken(baseUrl, undefined);
      await app.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
