import { longDateTime } from './words';

describe('an instant in words, as a person in England reads it', () => {
  it('says the time after midnight as 12, never 0', () => {
    expect(longDateTime('2025-06-30T23:16:00.000Z')).toBe('1 July 2025 at 12:16am');
  });

  it('keeps UK time across the clock change and says afternoon times with pm', () => {
    expect(longDateTime('2026-03-12T14:05:00.000Z')).toBe('12 March 2026 at 2:05pm');
    expect(longDateTime('2026-07-12T11:30:00.000Z')).toBe('12 July 2026 at 12:30pm');
  });
});
