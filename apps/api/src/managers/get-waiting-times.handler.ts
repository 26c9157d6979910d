import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  queryWaitingTimes,
  queryWaitingTrend,
  withinCallerScope,
  type WaitingTimesQueryParams,
  type WaitingTimesResult,
  type WaitingTrendQueryParams,
  type WaitingTrendResult,
} from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetWaitingTimesQuery {
  constructor(readonly params: WaitingTimesQueryParams) {}
}

@QueryHandler(GetWaitingTimesQuery)
export class GetWaitingTimesHandler implements IQueryHandler<GetWaitingTimesQuery, WaitingTimesResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetWaitingTimesQuery): Promise<WaitingTimesResult> {
    return withinCallerScope(this.readModels.db(), params, queryWaitingTimes);
  }
}

export class GetWaitingTrendQuery {
  constructor(readonly params: WaitingTrendQueryParams) {}
}

@QueryHandler(GetWaitingTrendQuery)
export class GetWaitingTrendHandler implements IQueryHandler<GetWaitingTrendQuery, WaitingTrendResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetWaitingTrendQuery): Promise<WaitingTrendResult> {
    return withinCallerScope(this.readModels.db(), params, queryWaitingTrend);
  }
}
