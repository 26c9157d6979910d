import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CorrelationId } from '../http/correlation';
import { RequestValidationError } from '../http/request-validation.error';
import { AsOfPipe, ChildIdPipe } from './dto/path-params.pipe';
import { RecordEventPipe, type ValidatedEventRequest } from './dto/record-event.pipe';
import { GetJourneyQuery } from './get-journey.query';
import type { JourneyResponse } from './journey-response';
import { RecordJourneyEventCommand, type RecordedEventResult } from './record-journey-event.command';

const RECORDED_BY = /^[A-Za-z0-9 ._@:'-]{1,100}$/;

@Controller('children/:childId')
export class JourneyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  /** Record one journey event (CONTRACT.md). A later issue takes `recordedBy` from the caller's token. */
  @Post('events')
  @HttpCode(201)
  record(
    @Param('childId', ChildIdPipe) childId: string,
    @Body(RecordEventPipe) body: ValidatedEventRequest,
    @Headers('x-recorded-by') recordedByHeader: string | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<RecordedEventResult> {
    const recordedBy = recordedByHeader === undefined || recordedByHeader === '' ? 'unknown' : recordedByHeader;
    if (!RECORDED_BY.test(recordedBy)) {
      throw new RequestValidationError([
        { field: 'X-Recorded-By', message: 'the X-Recorded-By header must be 1 to 100 letters, digits, spaces or . _ @ : \' -' },
      ]);
    }
    return this.commandBus.execute(new RecordJourneyEventCommand(childId, body.event, body.eventId ?? randomUUID(), recordedBy, correlationId));
  }

  @Get('journey')
  journey(@Param('childId', ChildIdPipe) childId: string, @Query('asOf', AsOfPipe) asOf: string): Promise<JourneyResponse> {
    return this.queryBus.execute(new GetJourneyQuery(childId, asOf));
  }
}
