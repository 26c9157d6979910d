import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_PAGE_SIZE } from '@sj/read-models';
import { IsIn, IsOptional, Matches } from 'class-validator';

const YEAR = /^\d{4}$/;
const YEAR_MESSAGE = 'year must be a 4-digit calendar year (2025 means the return made in January 2026)';

/** `?year=`: the calendar year the return covers (default: last year, whose return is due this January). */
export class Sen2YearQueryDto {
  @ApiPropertyOptional({ description: 'calendar year covered; the census is the third Thursday of the next January', example: '2025' })
  @IsOptional()
  @Matches(YEAR, { message: YEAR_MESSAGE })
  year?: string;
}

export class Sen2ReturnQueryDto extends Sen2YearQueryDto {
  @ApiPropertyOptional({ enum: ['xml', 'csv'], default: 'xml', description: 'xml: the file DfE collects; csv: a zip of one CSV per module' })
  @IsOptional()
  @IsIn(['xml', 'csv'], { message: 'format must be xml or csv' })
  format?: 'xml' | 'csv';
}

export class Sen2ProblemsQueryDto extends Sen2YearQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'page must be a whole number from 1' })
  page?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,2}$/, { message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  pageSize?: string;
}
