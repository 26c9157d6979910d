import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetClocksHandler } from './get-clocks.handler';
import { GetSuspensionsHandler } from './get-suspensions.handler';
import { GetTimelinessHandler } from './get-timeliness.handler';
import { GetWaitingTimesHandler, GetWaitingTrendHandler } from './get-waiting-times.handler';
import { ManagersController } from './managers.controller';
import { ReadModelConnection } from './read-model-connection';

/** `GET /clocks`, `/waiting-times`, `/waiting-times/trend`, `/suspensions`, `/reports/timeliness` over the worker's read models. */
@Module({
  imports: [CqrsModule],
  controllers: [ManagersController],
  providers: [ReadModelConnection, GetClocksHandler, GetWaitingTimesHandler, GetWaitingTrendHandler, GetSuspensionsHandler, GetTimelinessHandler],
  exports: [ReadModelConnection],
})
export class ManagersModule {}
