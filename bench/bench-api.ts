import type { AddressInfo } from 'node:net';
import { loadConfig } from '@sj/config';
import { DEMO_AREAS } from '@sj/demo';
import { startLocalRedis, type LocalRedis } from '@sj/queues';
import { createApiApp } from '../apps/api/src/bootstrap';
import { mintLocalToken } from '../apps/api/src/auth/mint-token';
import { openLocalSigningSecret } from '../apps/shared/src/storage';

/** The real API listening on a free loopback port over an existing DATA_DIR, with a manager's token. */
export interface BenchApi {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly baseUrl: string;
  /** `Authorization` header value for a manager of every demo area. */
  readonly authorization: string;
  /** Closes the app, then stops the throwaway Redis. */
  close(): Promise<void>;
}

/**
 * Boots the API as `npm run start:api` would (no worker), over `dataDir`'s events and read models, with a
 * throwaway redis-server in `<dataDir>/redis`. The per-caller rate limit is raised so the timed loops never
 * meet a 429; everything else (sign-in, roles, validation, the read audit in audit.sqlite) is the real path.
 * `env` adds to the configuration (DATABASE_URL: the stores in PostgreSQL).
 */
export async function startBenchApi(dataDir: string, today: string, env: Readonly<Record<string, string>> = {}): Promise<BenchApi> {
  const redis: LocalRedis = await startLocalRedis({ dataDir, preferredPort: 0 });
  let app: Awaited<ReturnType<typeof createApiApp>> | undefined;
  try {
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'error',
      CLOCK_TODAY: today,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    });
    app = await createApiApp(config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    // a manager's token names its areas ("*" is for admins only): every area the demo caseload uses
    const secrets = await openLocalSigningSecret(config);
    const token = await mintLocalToken(secrets, { sub: 'bench-manager', role: 'manager', areas: [...DEMO_AREAS] }).finally(() => secrets.close());
    const started = app;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      authorization: `Bearer ${token}`,
      close: async () => {
        try {
          await started.close();
        } finally {
          await redis.stop();
        }
      },
    };
  } catch (error) {
    try {
      await app?.close();
    } finally {
      await redis.stop();
    }
    throw error;
  }
}
