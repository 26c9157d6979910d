import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS } from '../../audit/audit-log';

/** `AuditEntry` (apps/api/src/audit/audit-log.ts). */
export class AuditEntrySchema {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'who: the subject of the token or session (for a refused sign-in, the user name typed, or "-")' }) sub!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({
    enum: AUDIT_ACTIONS,
    description: "read or erase of children's records; sign-in, sign-out, sign-in-failed, locked-out for people's sessions",
  })
  action!: string;
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
}
