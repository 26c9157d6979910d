import { Injectable, type PipeTransform } from '@nestjs/common';
import { Clock } from '@sj/config';
import { JOURNEY_EVENT_TYPES, type JourneyEvent, type JourneyEventType } from '@sj/domain';
import { RequestValidationError, type FieldProblem } from '../../http/request-validation.error';
import { DATA_COMBINATION_RULES, EVENT_DATA_CLASSES, TYPES_WITHOUT_DATA } from './event-data.dto';
import { RecordEventBody } from './record-event.dto';
import { validateAgainst } from './validate';

/** A request to record one event, checked field by field. */
export interface ValidatedEventRequest {
  readonly event: JourneyEvent;
  readonly eventId?: string;
}

/** Turns the raw body into a well-formed journey event, or answers 400 naming every bad field. */
@Injectable()
export class RecordEventPipe implements PipeTransform<unknown, ValidatedEventRequest> {
  constructor(private readonly clock: Clock) {}

  transform(body: unknown): ValidatedEventRequest {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new RequestValidationError([
        {
          field: 'body',
          message: 'the request body must be a JSON object { type, occurredOn, data, eventId? } sent with Content-Type: application/json',
        },
      ]);
    }
    const today = this.clock.today();
    const envelope = validateAgainst(RecordEventBody, body as Record<string, unknown>, {
      today,
      unknownFieldHint: '(send type, occurredOn, data and optionally eventId)',
    });
    const problems: FieldProblem[] = envelope.problems.map((p) =>
      p.field === 'type'
        ? { ...p, message: `type must be one of the accepted event types: ${JOURNEY_EVENT_TYPES.join(', ')}`, accepted: JOURNEY_EVENT_TYPES }
        : p,
    );
    const { type, occurredOn, eventId } = envelope.value as { type: JourneyEventType; occurredOn: string; eventId?: string };
    let data: Record<string, unknown> = {};

    const typeIsValid = !problems.some((p) => p.field === 'type');
    const dataIsObject = !problems.some((p) => p.field === 'data');
    if (typeIsValid && dataIsObject) {
      const raw = envelope.value.data as Record<string, unknown> | undefined;
      if (raw === undefined && !TYPES_WITHOUT_DATA.has(type)) {
        problems.push({ field: 'data', message: `data is required for ${type}` });
      } else {
        const dataClass: new () => object = EVENT_DATA_CLASSES[type];
        const checked = validateAgainst(dataClass, raw ?? {}, {
          today,
          prefix: 'data',
          unknownFieldHint: `of ${type}`,
        });
        problems.push(...checked.problems);
        data = dropUndefined(checked.value);
        const combination = checked.problems.length === 0 ? DATA_COMBINATION_RULES[type]?.(data) : undefined;
        if (combination !== undefined) problems.push(combination);
      }
    }
    if (problems.length > 0) throw new RequestValidationError(problems);
    return {
      event: { type, occurredOn, data } as JourneyEvent,
      ...(eventId !== undefined ? { eventId } : {}),
    };
  }
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
