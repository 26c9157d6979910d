import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log';
import { auditRead } from '../audit/audited-read';
import { CurrentCaller, Roles } from '../auth/auth.decorators';
import { callerOf, type AuthenticatedRequest, type Caller } from '../auth/caller';
import { ChildAccessPolicy } from '../auth/child-access.policy';
import { CorrelationId } from '../http/correlation';
import { AsOfPipe, ChildIdPipe } from './dto/path-params.pipe';
import { RecordEventPipe, type ValidatedEventRequest } from './dto/record-event.pipe';
import { GetJourneyQuery } from './get-journey.query';
import { GetNextStepsQuery, type NextStepsResponse } from './get-next-steps.query';
import { JourneyJson } from './journey-json';
import type { JourneyResponse } from './journey-response';
import { RecordJourneyEventCommand, type RecordedEventResult } from './record-journey-event.command';

@Controller('children/:childId')
export class JourneyController {
  private readonly journeyJson = new JourneyJson();

  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly access: ChildAccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Record one journey event (README.md); `recordedBy` is the token's subject, never a header. */
  @Post('events')
  @HttpCode(201)
  @Roles('caseworker')
  record(
    @Param('childId', ChildIdPipe) childId: string,
    @Body(RecordEventPipe) body: ValidatedEventRequest,
    @CurrentCaller() caller: Caller,
    @CorrelationId() correlationId: string,
  ): Promise<RecordedEventResult> {
    return this.commandBus.execute(
      new RecordJourneyEventCommand(childId, body.event, body.eventId ?? randomUUID(), caller.sub, correlationId, (area) =>
        this.access.mayWrite(caller, area),
      ),
    );
  }

  @Get('journey')
  @Roles('caseworker', 'manager', 'panel')
  async journey(
    @Param('childId', ChildIdPipe) childId: string,
    @Query('asOf', AsOfPipe) asOf: string,
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
  ): Promise<void> {
    const caller = callerOf(req);
    const journey: JourneyResponse = await this.queryBus.execute(
      new GetJourneyQuery(childId, asOf, (area) => this.access.mayRead(caller, childId, area)),
    );
    await auditRead(this.audit, req, [childId]);
    this.journeyJson.send(res, journey);
  }

  /** The steps the order rules accept now (docs/domain-rules.md §3), so forms offer nothing recording would refuse. */
  @Get('next-steps')
  @Roles('caseworker', 'manager')
  async nextSteps(
    @Param('childId', ChildIdPipe) childId: string,
    @Query('asOf', AsOfPipe) asOf: string,
    @Req() req: AuthenticatedRequest,
  ): Promise<NextStepsResponse> {
    const caller = callerOf(req);
    const steps: NextStepsResponse = await this.queryBus.execute(
      new GetNextStepsQuery(childId, asOf, (area) => this.access.mayRead(caller, childId, area)),
    );
    await auditRead(this.audit, req, [childId]);
    return steps;
  }
}
