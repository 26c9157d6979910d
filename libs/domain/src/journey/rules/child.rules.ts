import type { ChildRegistered, LocalDate } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import { isValidNhsNumber } from '../../nhs-number';

/** The details a registration carries must be possible: a real NHS number, a birth that has happened. */
export function assertChildRegisteredDetails({ data }: ChildRegistered, today: LocalDate): void {
  if (data.nhsNumber !== undefined && !isValidNhsNumber(data.nhsNumber)) {
    throw new JourneyRuleViolation(
      'INVALID_NHS_NUMBER',
      'The NHS number is not valid: it must be 10 digits with a correct check digit. Leave it out if it is not known.',
      { field: 'nhsNumber' },
    );
  }
  if (data.dateOfBirth > today) {
    throw new JourneyRuleViolation('DATE_OF_BIRTH_IN_FUTURE', `The date of birth ${data.dateOfBirth} is after today (${today}).`, {
      field: 'dateOfBirth',
      dateOfBirth: data.dateOfBirth,
      today,
    });
  }
}
