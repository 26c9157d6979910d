import { comparePosition, formatPosition, parsePosition } from './eventstoredb.position';

describe('EventStoreDB positions', () => {
  it('keep a position past 2^53 exactly as the server gave it', () => {
    const far = { commit: 2n ** 63n - 1n, prepare: 2n ** 60n + 7n };

    expect(formatPosition(far)).toBe('9223372036854775807:1152921504606846983');
    expect(parsePosition(formatPosition(far))).toEqual(far);
  });

  it('order by commit position first, then by prepare position, as numbers rather than text', () => {
    const inLogOrder = ['9:9', '10:4', '10:5', '11:0', '100:0'].map(parsePosition);

    for (let i = 1; i < inLogOrder.length; i += 1) {
      expect(comparePosition(inLogOrder[i - 1], inLogOrder[i])).toBe(-1);
      expect(comparePosition(inLogOrder[i], inLogOrder[i - 1])).toBe(1);
      expect(comparePosition(inLogOrder[i], inLogOrder[i])).toBe(0);
    }
  });

  it('refuse a checkpoint that is not an EventStoreDB position (a SQLite one, say)', () => {
    expect(() => parsePosition('42')).toThrow(RangeError);
    expect(() => parsePosition('-1:0')).toThrow(RangeError);
  });
});
