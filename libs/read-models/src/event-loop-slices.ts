import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a consumer may work without letting other work (HTTP requests, in a process that also serves the API) run. */
export const SLICE_MS = 4;

/**
 * A consumer's work cut into short slices: between two children it asks `yieldIfLong`, which lets the event loop turn
 * once the current slice has lasted `sliceMs` (timed with the monotonic clock), so a large batch never holds up the
 * requests waiting behind it.
 */
export class EventLoopSlices {
  private started = performance.now();

  constructor(private readonly sliceMs: number = SLICE_MS) {}

  async yieldIfLong(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await nextTurn();
    this.started = performance.now();
  }
}
