import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_PAGE_SIZE } from '@sj/read-models';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const SEARCH_MAX_LENGTH = 100;
export const FIND_CHILD_PAGE_SIZE = 25;

/** `GET /children`'s query: what to look for, and which page of the children found. */
export class FindChildQueryDto {
  @ApiProperty({
    description: "a child's name (any of their names, in any case and with or without accents), NHS number, UPN or child id",
    example: 'Amira Smith',
    maxLength: SEARCH_MAX_LENGTH,
  })
  // class-validator reports the last decorator's problem first: the most basic check goes last
  @Matches(/[\p{L}\p{N}]/u, { message: 'Enter a name, NHS number, UPN or child ID: the search must contain a letter or a number' })
  @MaxLength(SEARCH_MAX_LENGTH, { message: `The search must be ${SEARCH_MAX_LENGTH} characters or fewer` })
  @MinLength(1, { message: 'Enter a name, NHS number, UPN or child ID to search for' })
  @IsString({ message: 'Enter a name, NHS number, UPN or child ID to search for' })
  search!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'page must be a whole number from 1' })
  page?: string;

  // the range check past the pattern is QueryParamsPipe's, so the message names the real limits
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: FIND_CHILD_PAGE_SIZE })
  @IsOptional()
  @Matches(/^[1-9]\d{0,2}$/, { message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
  pageSize?: string;
}
