import { expect } from '@jest/globals';
import { authAs } from '../support/auth';
import { request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('rate limiting per caller', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers 429 in the standard error shape past the limit, counting each caller's requests apart", async () => {
    const alice = await authAs(app, 'manager', ['north'], 'alice');
    for (let i = 0; i < 3; i++) expect((await request(app.baseUrl, 'GET', '/clocks', { headers: alice })).status).toBe(200);
    const refused = await request(app.baseUrl, 'GET', '/clocks', { headers: alice });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/Too many requests/) });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await request(app.baseUrl, 'GET', '/clocks', { headers: await authAs(app, 'manager', ['north'], 'bob') })).status).toBe(200);
  });
});
