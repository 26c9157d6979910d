import { CLOCK_NAMES, isValidLocalDate, REFERRAL_SERVICES } from '@sj/domain';
import { CLOCK_STATUSES, MAX_PAGE_SIZE } from '@sj/read-models';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';

/** A real calendar date, YYYY-MM-DD (2025-02-30 is not one). */
function IsLocalDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isLocalDate',
    validator: { validate: (value: unknown) => typeof value === 'string' && isValidLocalDate(value), defaultMessage: (args) => `${args?.property} must be a real date in YYYY-MM-DD format` },
  });
}

const FILTER_TEXT = 'must be text of 1 to 100 characters';
const PAGE_SIZE = new RegExp(`^(?:[1-9]\\d{0,2})$`);

/** The filters and paging every managers' query takes (CONTRACT.md); each query adds its own. */
export class ManagersFiltersDto {
  @IsOptional() @IsString({ message: `area ${FILTER_TEXT}` }) @Length(1, 100, { message: `area ${FILTER_TEXT}` })
  area?: string;

  @IsOptional() @IsString({ message: `school ${FILTER_TEXT}` }) @Length(1, 100, { message: `school ${FILTER_TEXT}` })
  school?: string;

  @IsOptional() @IsString({ message: `caseworker ${FILTER_TEXT}` }) @Length(1, 100, { message: `caseworker ${FILTER_TEXT}` })
  caseworker?: string;

  @IsOptional() @IsLocalDate()
  asOf?: string;

  @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be one of json, csv' })
  format?: 'json' | 'csv';
}

export class PagedFiltersDto extends ManagersFiltersDto {
  @IsOptional() @Matches(/^[1-9]\d{0,8}$/, { message: 'page must be a whole number from 1' })
  page?: string;

  // the range check past the pattern is in pageSizeOf, so the message names the real limits
  @IsOptional() @Matches(PAGE_SIZE, { message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  pageSize?: string;
}

const STATUS_LIST = new RegExp(`^(?:${CLOCK_STATUSES.join('|')})(?:,(?:${CLOCK_STATUSES.join('|')}))*$`);

export class ClocksQueryDto extends PagedFiltersDto {
  @IsOptional() @Matches(STATUS_LIST, { message: `status must be one of ${CLOCK_STATUSES.join(', ')} (or several, comma-separated)` })
  status?: string;

  @IsOptional() @IsIn(CLOCK_NAMES, { message: `clock must be one of ${CLOCK_NAMES.join(', ')}` })
  clock?: string;
}

export class WaitingTimesQueryDto extends PagedFiltersDto {
  @IsOptional() @IsIn(REFERRAL_SERVICES, { message: `service must be one of ${REFERRAL_SERVICES.join(', ')}` })
  service?: string;
}

export class SuspensionsQueryDto extends PagedFiltersDto {
  @IsOptional() @Matches(/^\d{4}$/, { message: 'schoolYear must be a 4-digit year (2024 means 2024/25)' })
  schoolYear?: string;

  @IsOptional() @IsIn(['true', 'false'], { message: 'triggered must be true or false' })
  triggered?: string;
}

export class TimelinessQueryDto extends ManagersFiltersDto {
  @IsOptional() @Matches(/^\d{4}$/, { message: 'year must be a 4-digit calendar year' })
  year?: string;
}
