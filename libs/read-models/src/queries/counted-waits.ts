import { nearestRank, type WaitSummary } from '@sj/domain';

/** How many waits lasted each number of days. */
export type CountedWaits = ReadonlyMap<number, number>;

export function countWait(into: Map<number, number>, days: number, count: number): void {
  into.set(days, (into.get(days) ?? 0) + count);
}

/**
 * The domain's summary of a set of waits (summariseWaits: count, nearest-rank median and 90th percentile, longest),
 * from how many waited each number of days. The percentiles are the domain's nearestRank, read through an ascending
 * view of the counts: a month of a large caseload is tens of thousands of waits but only a few hundred distinct
 * lengths, so nothing is copied or sorted per wait.
 */
export function summariseCountedWaits(waits: CountedWaits): WaitSummary {
  const lengths = [...waits.keys()].sort((a, b) => a - b);
  const countUpTo: number[] = [];
  let count = 0;
  for (const days of lengths) countUpTo.push((count += waits.get(days) ?? 0));
  // the i-th smallest wait (0-based): the first length whose running count passes i
  const waitAt = (i: number): number => {
    let low = 0;
    let high = lengths.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (countUpTo[middle] > i) high = middle;
      else low = middle + 1;
    }
    return lengths[low];
  };
  const ascending = new Proxy<ArrayLike<number>>(
    { length: count },
    {
      get: (_view, key) => (key === 'length' ? count : typeof key === 'string' ? waitAt(Number(key)) : undefined),
    },
  );
  return {
    count,
    median: nearestRank(ascending, 50),
    p90: nearestRank(ascending, 90),
    longest: count > 0 ? lengths[lengths.length - 1] : null,
  };
}
