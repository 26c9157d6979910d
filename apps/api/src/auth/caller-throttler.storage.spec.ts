import { CallerThrottlerStorage } from './caller-throttler.storage';

const MINUTE = 60_000;

describe("the rate limit's memory of each caller", () => {
  let now: number;
  let storage: CallerThrottlerStorage;
  const call = (caller: string, limit = 3) => storage.increment(caller, MINUTE, limit, MINUTE, 'default');

  beforeEach(() => {
    now = 1_000_000;
    storage = new CallerThrottlerStorage(() => now);
  });

  it('lets a caller make `limit` requests in a minute, refuses the next for a minute, then counts afresh', async () => {
    for (let i = 1; i <= 3; i++) expect(await call('sub:alice')).toMatchObject({ totalHits: i, isBlocked: false });
    now += 1_000;
    expect(await call('sub:alice')).toEqual({ totalHits: 4, timeToExpire: 59, isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await call('sub:alice')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_000;
    expect(await call('sub:alice')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it("counts only the last minute's requests: each stops counting a minute after it was made", async () => {
    await call('sub:alice');
    now += 40_000;
    await call('sub:alice');
    await call('sub:alice');
    now += 20_000;
    // the first request is a minute old: two still count, so a third is allowed
    expect(await call('sub:alice')).toMatchObject({ totalHits: 3, isBlocked: false, timeToExpire: 40 });
    now += 40_000;
    expect(await call('sub:alice')).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it("counts each caller's requests apart", async () => {
    for (let i = 0; i < 4; i++) await call('sub:alice');
    expect(await call('sub:bob')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await call('sub:alice')).toMatchObject({ isBlocked: true });
  });

  it('forgets callers once nothing of theirs counts any more, as others keep calling', async () => {
    for (let i = 0; i < 100; i++) await call(`ip:10.0.0.${String(i)}`);
    expect(storage.size).toBe(100);
    now += MINUTE;
    for (let i = 0; i < 60; i++) {
      await call('sub:alice', 1_000);
      now += 10;
    }
    expect(storage.size).toBe(1);
  });

  it('keeps a refused caller refused until the block ends, however long ago their requests were', async () => {
    for (let i = 0; i < 3; i++) await call('sub:alice');
    expect(await storage.increment('sub:alice', MINUTE, 3, 5 * MINUTE, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 300 });
    now += 2 * MINUTE;
    for (let i = 0; i < 10; i++) await call('sub:bob', 1_000);
    expect(storage.size).toBe(2);
    expect(await call('sub:alice')).toMatchObject({ isBlocked: true, timeToBlockExpire: 180 });
  });
});
