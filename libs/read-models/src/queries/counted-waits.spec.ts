import { summariseWaits } from '@sj/domain';
import fc from 'fast-check';
import { countWait, summariseCountedWaits } from './counted-waits';

describe('summarising waits from how many waited each number of days', () => {
  it("gives the domain's summary of the same waits listed one by one", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 1, max: 40 })), { maxLength: 60 }), (groups) => {
        const counts = new Map<number, number>();
        const listed: number[] = [];
        for (const [days, count] of groups) {
          countWait(counts, days, count);
          for (let n = 0; n < count; n++) listed.push(days);
        }
        expect(summariseCountedWaits(counts)).toEqual(summariseWaits(listed));
      }),
      { numRuns: 500 },
    );
  });

  it('has no median, 90th percentile or longest wait when nobody waited', () => {
    expect(summariseCountedWaits(new Map())).toEqual({ count: 0, median: null, p90: null, longest: null });
  });
});
