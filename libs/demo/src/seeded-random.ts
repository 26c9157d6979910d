/** A small, fast, seeded PRNG (mulberry32) so a demo caseload is the same on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A whole number in [0, 2^32). */
  nextWord(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.nextWord() / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the choice's items, as often as its weight says. */
  pickWeighted<T>(choice: WeightedChoice<T>): T {
    return choice.at(this.next());
  }

  /** A right-skewed wait: most short, a long tail (waiting lists look like this). */
  skewed(min: number, typical: number, max: number): number {
    const u = this.next();
    const value = u < 0.75 ? min + (typical - min) * (u / 0.75) : typical + (max - typical) * ((u - 0.75) / 0.25) ** 1.5;
    return Math.round(value);
  }

  /**
   * RFC 4122 version-4 shaped id drawn from the seed, so generated event ids are reproducible. Four
   * 32-bit draws rather than 32 one-digit ones: at a million events the ids were most of the generation time.
   */
  uuid(): string {
    const a = hex8(this.nextWord());
    const b = hex8(((this.nextWord() & 0xffff0fff) | 0x00004000) >>> 0);
    const c = hex8(((this.nextWord() & 0x3fffffff) | 0x80000000) >>> 0);
    const d = hex8(this.nextWord());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, '0');
}

/** Items with relative weights, prepared once so that each draw costs one random number. */
export class WeightedChoice<T> {
  private readonly items: readonly T[];
  private readonly upTo: readonly number[];

  constructor(weighted: readonly (readonly [T, number])[]) {
    const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
    let running = 0;
    this.items = weighted.map(([item]) => item);
    this.upTo = weighted.map(([, weight]) => (running += weight) / total);
  }

  /** The item whose share of [0, 1) contains u. */
  at(u: number): T {
    const i = this.upTo.findIndex((bound) => u < bound);
    return this.items[i === -1 ? this.items.length - 1 : i];
  }
}
