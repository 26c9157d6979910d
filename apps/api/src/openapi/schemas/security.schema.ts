import { ApiProperty } from '@nestjs/swagger';

/** `AuditEntry` (apps/api/src/audit/audit-log.ts). */
export class AuditEntrySchema {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: "the token's subject" }) sub!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ enum: ['read', 'erase'] }) action!: string;
  @ApiProperty({ example: 'GET /clocks?area=north&format=csv' }) route!: string;
  @ApiProperty({ type: 'string', nullable: true }) correlationId!: string | null;
  @ApiProperty({ description: 'how many children the answer named' }) childCount!: number;
  @ApiProperty({ type: [String], description: 'the first 100 of them' }) childIds!: string[];
}

export class AuditPageSchema {
  @ApiProperty({ type: [AuditEntrySchema] }) items!: AuditEntrySchema[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** `ErasureResult` (apps/api/src/erasure/erasure.service.ts). */
export class ErasureResultSchema {
  @ApiProperty() childId!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ description: 'the child had already been erased; nothing changed' }) alreadyErased!: boolean;
  @ApiProperty({ description: "the read models' write-ahead log was emptied" }) readModelsScrubbed!: boolean;
}
