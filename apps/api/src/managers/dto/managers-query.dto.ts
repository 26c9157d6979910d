import { CLOCK_NAMES, isValidLocalDate, REFERRAL_SERVICES } from '@sj/domain';
import { CLOCK_STATUSES, MAX_PAGE_SIZE } from '@sj/read-models';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';

/** A real calendar date, YYYY-MM-DD (2025-02-30 is not one). */
function IsLocalDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isLocalDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidLocalDate(value),
      defaultMessage: (args) => `${args?.property} must be a real date in YYYY-MM-DD format`,
    },
  });
}

const FILTER_TEXT = 'must be text of 1 to 100 characters';
const PAGE_SIZE = new RegExp(`^(?:[1-9]\\d{0,2})$`);

/** The filters and paging every managers' query takes (README.md); each query adds its own. */
export class ManagersFiltersDto {
  @ApiPropertyOptional({ description: 'only children in this area', example: 'north' })
  @IsOptional()
  @IsString({ message: `area ${FILTER_TEXT}` })
  @Length(1, 100, { message: `area ${FILTER_TEXT}` })
  area?: string;

  @ApiPropertyOptional({ description: 'only children at this school' })
  @IsOptional()
  @IsString({ message: `school ${FILTER_TEXT}` })
  @Length(1, 100, { message: `school ${FILTER_TEXT}` })
  school?: string;

  @ApiPropertyOptional({ description: "only this caseworker's children" })
  @IsOptional()
  @IsString({ message: `caseworker ${FILTER_TEXT}` })
  @Length(1, 100, { message: `caseworker ${FILTER_TEXT}` })
  caseworker?: string;

  @ApiPropertyOptional({ description: 'the day the figures are computed for (default today)', format: 'date' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv answers the whole filtered table as text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be one of json, csv' })
  format?: 'json' | 'csv';
}

export class PagedFiltersDto extends ManagersFiltersDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'page must be a whole number from 1' })
  page?: string;

  // the range check past the pattern is in pageSizeOf, so the message names the real limits
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Matches(PAGE_SIZE, { message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  pageSize?: string;
}

const STATUS_LIST = new RegExp(`^(?:${CLOCK_STATUSES.join('|')})(?:,(?:${CLOCK_STATUSES.join('|')}))*$`);

export class ClocksQueryDto extends PagedFiltersDto {
  @ApiPropertyOptional({ description: `one or several (comma-separated) of ${CLOCK_STATUSES.join(', ')}`, example: 'breached,due-soon' })
  @IsOptional()
  @Matches(STATUS_LIST, { message: `status must be one of ${CLOCK_STATUSES.join(', ')} (or several, comma-separated)` })
  status?: string;

  @ApiPropertyOptional({ enum: [...CLOCK_NAMES] })
  @IsOptional()
  @IsIn(CLOCK_NAMES, { message: `clock must be one of ${CLOCK_NAMES.join(', ')}` })
  clock?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only clocks with daysOverdue > 0 as of asOf (breached, met late, or closed after their due date)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: string;
}

export class WaitingTimesQueryDto extends PagedFiltersDto {
  @ApiPropertyOptional({ enum: [...REFERRAL_SERVICES] })
  @IsOptional()
  @IsIn(REFERRAL_SERVICES, { message: `service must be one of ${REFERRAL_SERVICES.join(', ')}` })
  service?: string;
}

export class WaitingTrendQueryDto extends ManagersFiltersDto {
  @ApiPropertyOptional({ enum: [...REFERRAL_SERVICES] })
  @IsOptional()
  @IsIn(REFERRAL_SERVICES, { message: `service must be one of ${REFERRAL_SERVICES.join(', ')}` })
  service?: string;
}

export class SuspensionsQueryDto extends PagedFiltersDto {
  @ApiPropertyOptional({ description: '2024 means 1 September 2024 to 31 August 2025 (default: the school year of asOf)', example: '2024' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'schoolYear must be a 4-digit year (2024 means 2024/25)' })
  schoolYear?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only children whose suspensions did (or did not) reach the trigger' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'triggered must be true or false' })
  triggered?: string;
}

export class TimelinessQueryDto extends ManagersFiltersDto {
  @ApiPropertyOptional({ description: 'calendar year of issue (default: the year of asOf)', example: '2024' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'year must be a 4-digit calendar year' })
  year?: string;
}
