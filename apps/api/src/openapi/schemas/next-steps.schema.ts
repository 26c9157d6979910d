import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOURNEY_EVENT_TYPES } from '@sj/domain';

/** OpenAPI shapes of `GET /children/{childId}/next-steps` (`NextStepsResponse` in journey/get-next-steps.query.ts). */

export class NextStepKeysSchema {
  @ApiProperty({
    enum: ['referralId', 'requestId', 'adviceId', 'suspensionId', 'exclusionId', 'appealId', 'school'],
    description: 'the field of the event that names them',
  })
  field!: string;
  @ApiProperty({ type: [String], description: 'the recorded ids the step may be recorded for' }) ids!: string[];
}

export class NextStepSchema {
  @ApiProperty({ enum: [...JOURNEY_EVENT_TYPES] }) type!: string;
  @ApiPropertyOptional({ type: NextStepKeysSchema, description: 'absent for a step that starts something new or names nothing' })
  for?: NextStepKeysSchema;
}

export class NextStepsSchema {
  @ApiProperty() childId!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [NextStepSchema] }) steps!: NextStepSchema[];
}
