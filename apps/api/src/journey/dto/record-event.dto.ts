import { ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { JOURNEY_EVENT_TYPES } from '@sj/domain';
import { EVENT_DATA_CLASSES } from './event-data.dto';
import { OneOf, PastOrTodayDate, UuidField } from './field-rules';
import { ValidateBy } from 'class-validator';

/** The body of `POST /children/:childId/events`; `data` is checked by the class for `type`. */
export class RecordEventBody {
  @OneOf(JOURNEY_EVENT_TYPES) type!: string;
  @PastOrTodayDate() occurredOn!: string;
  @ValidateBy({
    name: 'sjDataObject',
    validator: {
      validate: (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v)),
      defaultMessage: () => 'data must be an object with the fields of the event type',
    },
  })
  @ApiPropertyOptional({
    description: 'the fields of the event type (the schema named <type>Data, or shared by several types); omitted only for AnnualReviewMeetingHeld',
    oneOf: [...new Set(Object.values(EVENT_DATA_CLASSES))].map((cls) => ({ $ref: getSchemaPath(cls) })),
  })
  data?: Record<string, unknown>;
  @UuidField() eventId?: string;
}
