/**
 * An NHS number is 10 digits whose last digit is a modulus-11 check digit (NHS Data Dictionary):
 * multiply the first nine digits by weights 10 down to 2, sum, and take 11 − (sum mod 11).
 * A result of 11 means check digit 0; a result of 10 means the number is not a valid NHS number.
 * Spaces are not accepted here: the caller normalises input before it reaches the domain.
 */
export function isValidNhsNumber(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[9]);
}
