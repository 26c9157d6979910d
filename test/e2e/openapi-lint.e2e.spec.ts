import { expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location: { pointer: string }[];
}

/** Redocly's own CLI, from node_modules (a dev dependency), as an integrator's tooling would run it. */
function redoclyLint(file: string): { status: number | null; problems: LintProblem[] } {
  const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    timeout: 60_000,
  });
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  return { status: run.status, problems: (JSON.parse(json) as { problems: LintProblem[] }).problems };
}

/*
 * The OpenAPI document integrators load (`/docs-json`), checked by a third-party linter with its
 * recommended rules, so that code generators and "Try it out" in /docs work on it as published.
 */
describe('the OpenAPI document under a third-party linter', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'sj-openapi-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declares bearer authentication, with its 401 and 403, on every operation but the public health check', async () => {
    const doc = (await request(app.baseUrl, 'GET', '/docs-json')).body as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(doc.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (route === 'GET /health') {
          expect({ route, security: operation.security }).toEqual({ route, security: [] });
          continue;
        }
        expect({ route, security: operation.security, answers: ['401', '403'].filter((s) => s in operation.responses) }).toEqual({
          route,
          security: [{ bearer: [] }],
          answers: ['401', '403'],
        });
      }
    }
  });

  it('passes redocly lint with the recommended rules: no error and no warning', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify((await request(app.baseUrl, 'GET', '/docs-json')).body));
    const { status, problems } = redoclyLint(file);
    expect(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`)).toEqual([]);
    expect(status).toBe(0);
  }, 90_000);
});
