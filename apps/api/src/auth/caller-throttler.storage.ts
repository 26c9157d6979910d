import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the guard reads back for one request (the library does not export its name for it). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One caller's requests under one named limit: when each stops counting, oldest first. */
interface CallerWindow {
  expiries: number[];
  /** Expiries before this index have passed (dropped in bulk, so each hit is dropped once). */
  first: number;
  /** While set and in the future, the caller is refused; once passed, counting starts afresh. */
  blockedUntil: number;
}

/** Idle callers looked at per request: enough to forget callers faster than new ones can arrive. */
const IDLE_CHECKS_PER_REQUEST = 2;

/**
 * The rate limit's memory, in this process: for each caller, the times their requests within the window stop
 * counting, in the order they arrived. The library's own storage filters a caller's whole list of hits on every
 * request (and takes their minimum), so a request cost grew with the requests of the last minute: about a second of
 * CPU per load bench run at 200 requests a second. Here a request drops only the hits that have just expired from the
 * front of its caller's list, and looks at the callers idle longest, forgetting them once nothing of theirs counts,
 * so no periodic sweep walks every caller. The limits are the library's: a caller is refused past `limit` requests
 * in `ttl` ms, for `blockDuration` ms, and counted afresh after that.
 */
export class CallerThrottlerStorage implements ThrottlerStorage {
  /** Least recently called first. */
  private readonly windows = new Map<string, CallerWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Callers remembered now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.forgetIdleCallers(now);
    const id = `${throttlerName}\u0000${key}`;
    const window = this.windows.get(id) ?? { expiries: [], first: 0, blockedUntil: 0 };
    this.windows.delete(id);
    this.windows.set(id, window);
    dropExpired(window, now);

    if (window.blockedUntil > now) return Promise.resolve(blocked(window, now, window.blockedUntil));
    if (window.blockedUntil !== 0) {
      window.blockedUntil = 0;
      window.expiries = [];
      window.first = 0;
    }
    if (blockDuration <= 0 && counted(window) >= limit) return Promise.resolve(blocked(window, now, window.expiries[window.first]));
    record(window, now + ttl);
    if (blockDuration > 0 && counted(window) > limit) {
      window.blockedUntil = now + blockDuration;
      return Promise.resolve(blocked(window, now, window.blockedUntil));
    }
    return Promise.resolve({
      totalHits: counted(window),
      timeToExpire: secondsUntil(window.expiries[window.first], now),
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  }

  private forgetIdleCallers(now: number): void {
    let checked = 0;
    for (const [id, window] of this.windows) {
      if (checked++ === IDLE_CHECKS_PER_REQUEST) return;
      dropExpired(window, now);
      if (counted(window) > 0 || window.blockedUntil > now) return;
      this.windows.delete(id);
    }
  }
}

function counted(window: CallerWindow): number {
  return window.expiries.length - window.first;
}

function dropExpired(window: CallerWindow, now: number): void {
  const { expiries } = window;
  while (window.first < expiries.length && expiries[window.first] <= now) window.first++;
  // the list is copied only once half of it has expired, so each hit costs a constant share of the copies
  if (window.first > 0 && window.first * 2 >= expiries.length) {
    window.expiries = expiries.slice(window.first);
    window.first = 0;
  }
}

/** Keeps the expiries in order even if a route's window were shorter than an earlier one's. */
function record(window: CallerWindow, expiresAt: number): void {
  const { expiries } = window;
  let at = expiries.length;
  while (at > window.first && expiries[at - 1] > expiresAt) at--;
  if (at === expiries.length) expiries.push(expiresAt);
  else expiries.splice(at, 0, expiresAt);
}

function blocked(window: CallerWindow, now: number, until: number): ThrottlerStorageRecord {
  const totalHits = counted(window);
  return {
    totalHits,
    timeToExpire: secondsUntil(window.expiries[window.first] ?? until, now),
    isBlocked: true,
    timeToBlockExpire: secondsUntil(until, now),
  };
}

function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
