import { isValidNhsNumber } from './nhs-number.validator';

describe('isValidNhsNumber (modulus 11, weights 10..2)', () => {
  it.each(['9434765919', '4010232137', '9434765870'])('accepts %s', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  it('accepts a number whose check computes to 11, i.e. check digit 0', () => {
    // 987654321: sum 330, 330 mod 11 = 0, 11 − 0 = 11 → check digit 0.
    expect(isValidNhsNumber('9876543210')).toBe(true);
    expect(isValidNhsNumber('9876543211')).toBe(false);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('4010232138')).toBe(false);
  });

  it('refuses a number whose check computes to 10', () => {
    // 000000006: sum 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → no check digit can make it valid.
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
  });

  it.each(['943476591', '94347659190', '943 476 5919', '94347659l9', ''])('refuses the malformed %p', (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });
});
