import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ALERT_STATUS_FILTERS, RECIPIENT_PATTERN, type AlertStatusFilter } from '@sj/alerts';

/** `GET /alerts` query (README.md "Alerts"). */
export class ListAlertsQuery {
  @ApiProperty({ description: 'panel:<area>, managers:<area> or caseworker:<id>', example: 'panel:north' })
  @Matches(RECIPIENT_PATTERN, { message: 'recipient must be panel:<area>, managers:<area> or caseworker:<id>' })
  recipient!: string;

  @ApiPropertyOptional({
    enum: ALERT_STATUS_FILTERS,
    default: 'open',
    description: 'open (not acknowledged), acknowledged, withdrawn (no longer called for) or all',
  })
  @IsOptional()
  @IsIn(ALERT_STATUS_FILTERS, { message: 'status must be open, acknowledged, withdrawn or all' })
  status?: AlertStatusFilter;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number from 1 to 500' })
  @Min(1, { message: 'pageSize must be a whole number from 1 to 500' })
  @Max(500, { message: 'pageSize must be a whole number from 1 to 500' })
  pageSize?: number;
}
