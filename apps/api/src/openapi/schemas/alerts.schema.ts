import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shapes of the inbox (`StoredAlert`, `AlertPage` in libs/alerts/src/store/alert-rows.ts). */

export class AlertSchema {
  @ApiProperty({ example: 'aid:demo-000042:2024' }) alertId!: string;
  @ApiProperty({
    enum: [
      'area-inclusion-discussion',
      'permanent-exclusion',
      'term-suspension-days',
      'year-suspension-days',
      'sixth-day-provision',
      'clock-due-soon',
      'clock-breached',
    ],
  })
  rule!: string;
  @ApiProperty() childId!: string;
  @ApiProperty() area!: string;
  @ApiProperty({ description: 'school year, date or clock key the alert is about' }) period!: string;
  @ApiProperty({ type: [String], example: ['panel:north'] }) recipients!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'ids, dates and counts only, never personal data' }) facts!: Record<
    string,
    unknown
  >;
  @ApiProperty({ example: '/children/demo-000042/journey' }) link!: string;
  @ApiProperty({ enum: ['open', 'acknowledged', 'withdrawn'] }) status!: string;
  @ApiProperty({ format: 'date-time', description: 'when it was first raised' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'when it was last raised again after a withdrawal' }) reopenedAt!:
    string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) queuedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) acknowledgedBy!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) withdrawnAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'suspension s3 voided: fewer than 3 counted suspensions in school year 2024/25' })
  withdrawnReason!: string | null;
}

export class AlertPageSchema {
  @ApiProperty({ type: [AlertSchema] }) items!: AlertSchema[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
