import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface TestProviderClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris: readonly string[];
}

export interface TestProvider {
  /** `http://localhost:<port>`: another site than the app on 127.0.0.1, as a real provider is. */
  readonly issuer: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (the app's callback URL must be known before the provider starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts oidc-provider (test/support/test-oidc-provider.process.mjs) on loopback with one client and these accounts' claims. */
export async function startTestProvider(
  client: TestProviderClient,
  accounts: Readonly<Record<string, Record<string, unknown>>>,
): Promise<TestProvider> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'test-oidc-provider.process.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      OIDC_TEST_CONFIG: JSON.stringify({ port, client: { ...client, token_endpoint_auth_method: 'client_secret_post' }, accounts }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test provider did not start: ${errors}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test provider exited (${code}): ${errors}`));
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
