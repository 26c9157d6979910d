import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { queryWaitingTimes, type WaitingTimesQueryParams, type WaitingTimesResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetWaitingTimesQuery {
  constructor(readonly params: WaitingTimesQueryParams) {}
}

@QueryHandler(GetWaitingTimesQuery)
export class GetWaitingTimesHandler implements IQueryHandler<GetWaitingTimesQuery, WaitingTimesResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetWaitingTimesQuery): Promise<WaitingTimesResult> {
    return queryWaitingTimes(this.readModels.db(), params);
  }
}
