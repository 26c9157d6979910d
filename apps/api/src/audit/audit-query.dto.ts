import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z)?$/;

/** `GET /audit` filters. */
export class AuditQueryDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'childId must be 1 to 64 letters, digits, "-" or "_"' })
  childId?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9 ._@:'|-]{1,100}$/, { message: 'sub must be the subject of a token (1 to 100 characters)' })
  sub?: string;

  @IsOptional()
  @Matches(INSTANT, { message: 'from must be a date (YYYY-MM-DD) or a UTC instant (YYYY-MM-DDTHH:MM:SSZ)' })
  from?: string;

  @IsOptional()
  @Matches(INSTANT, { message: 'to must be a date (YYYY-MM-DD) or a UTC instant (YYYY-MM-DDTHH:MM:SSZ)' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number from 1 to 500' })
  @Min(1, { message: 'pageSize must be a whole number from 1 to 500' })
  @Max(500, { message: 'pageSize must be a whole number from 1 to 500' })
  pageSize?: number;
}
