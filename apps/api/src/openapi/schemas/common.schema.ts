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

class ConsumerLagSchema {
  @ApiProperty({ type: 'string', nullable: true }) checkpoint!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'events between its checkpoint and the head of the log' }) lag!: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) caughtUp!: boolean | null;
}

class ConsumersSchema {
  @ApiProperty({ type: ConsumerLagSchema, description: 'the read-model projections' }) readModels!: ConsumerLagSchema;
  @ApiProperty({ type: ConsumerLagSchema, description: 'the alert consumer' }) alerts!: ConsumerLagSchema;
}

class ProjectionLagSchema {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the largest lag of any consumer, in events' }) lag!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'the checkpoint of the consumer furthest behind' }) checkpoint!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) head!: string | null;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'true only when every consumer has caught up' }) caughtUp!: boolean | null;
  @ApiProperty({ type: ConsumersSchema }) consumers!: ConsumersSchema;
}

class StorageSchema {
  @ApiProperty({ enum: ['ok', 'failing'], description: 'failing while a write would be refused (a full disk, a store down)' }) status!: string;
  @ApiPropertyOptional({ example: 'the disk that holds DATA_DIR is full: nothing can be recorded until space is freed' }) reason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) since?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'bytes free on the disk that holds DATA_DIR (SQLite only)' }) freeBytes?: number;
}

class AlertChannelProblemSchema {
  @ApiPropertyOptional({ example: 'panel:north' }) recipient?: string;
  @ApiProperty({ enum: ['webhook', 'email', 'configuration'] }) channel!: string;
  @ApiProperty({ enum: ['none-configured', 'misconfigured', 'unreachable'] }) kind!: string;
  @ApiProperty({ example: 'the webhook of panel:north cannot be reached (ECONNREFUSED)' }) problem!: string;
}

class AlertChannelsSchema {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'alerts wait to be handed to the delivery queue' }) pending!: boolean | null;
  @ApiProperty({ type: [AlertChannelProblemSchema] }) problems!: AlertChannelProblemSchema[];
}

/** `HealthResponse`. */
export class HealthSchema {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiProperty({ type: UpDownSchema }) eventStore!: UpDownSchema;
  @ApiProperty({ type: UpDownSchema }) redis!: UpDownSchema;
  @ApiProperty({ type: StorageSchema }) storage!: StorageSchema;
  @ApiProperty({ type: ProjectionLagSchema }) projections!: ProjectionLagSchema;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { type: 'integer' },
    description: 'delivery queue depth (waiting, active, delayed, failed) when known',
  })
  queues!: Record<string, number> | null;
  @ApiProperty({ type: AlertChannelsSchema, description: 'whether alerts can leave the in-app inbox' }) alerts!: AlertChannelsSchema;
}
