import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the answers every route shares; the TypeScript types they mirror are named on each. */

/** `ErrorBody` (apps/api/src/http/api-exception.filter.ts). */
export class ErrorBodySchema {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'data.schoolDays must be a number of school days from 0.5 to 45, in half days (e.g. 1, 2.5)' }) message!: string;
  @ApiPropertyOptional({
    description: '400: [{ field, message }] naming each bad field; 422: { rule, ... } naming the order rule; 409: { code }',
    oneOf: [
      { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: unknown;
}

/** `RecordedEventResult`. */
export class RecordedEventSchema {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: "the event's position in the child's stream, from 0" }) streamRevision!: number;
}

class UpDownSchema {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
}

class ProjectionLagSchema {
  @ApiProperty({ type: 'integer', nullable: true, description: 'events the read models trail the log by' }) lag!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) checkpoint!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) head!: string | null;
  @ApiProperty({ type: 'boolean', nullable: true }) caughtUp!: boolean | null;
}

/** `HealthResponse`. */
export class HealthSchema {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiProperty({ type: UpDownSchema }) eventStore!: UpDownSchema;
  @ApiProperty({ type: UpDownSchema }) redis!: UpDownSchema;
  @ApiProperty({ type: ProjectionLagSchema }) projections!: ProjectionLagSchema;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { type: 'integer' },
    description: 'delivery queue depth (waiting, active, delayed, failed) when known',
  })
  queues!: Record<string, number> | null;
}
