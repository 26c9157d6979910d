import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { WaitingTimesQueryParams, WaitingTimesResult, WaitingTrendQueryParams, WaitingTrendResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetWaitingTimesQuery {
  constructor(readonly params: WaitingTimesQueryParams) {}
}

@QueryHandler(GetWaitingTimesQuery)
export class GetWaitingTimesHandler implements IQueryHandler<GetWaitingTimesQuery, WaitingTimesResult> {
  constructor(private readonly connection: ReadModelConnection) {}

  async execute({ params }: GetWaitingTimesQuery): Promise<WaitingTimesResult> {
    return this.connection.readModels.waitingTimes(params);
  }
}

export class GetWaitingTrendQuery {
  constructor(readonly params: WaitingTrendQueryParams) {}
}

@QueryHandler(GetWaitingTrendQuery)
export class GetWaitingTrendHandler implements IQueryHandler<GetWaitingTrendQuery, WaitingTrendResult> {
  constructor(private readonly connection: ReadModelConnection) {}

  async execute({ params }: GetWaitingTrendQuery): Promise<WaitingTrendResult> {
    return this.connection.readModels.waitingTrend(params);
  }
}
