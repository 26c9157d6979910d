import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { queryTimeliness, withinCallerScope, type TimelinessQueryParams, type TimelinessResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetTimelinessQuery {
  constructor(readonly params: TimelinessQueryParams) {}
}

@QueryHandler(GetTimelinessQuery)
export class GetTimelinessHandler implements IQueryHandler<GetTimelinessQuery, TimelinessResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetTimelinessQuery): Promise<TimelinessResult> {
    return withinCallerScope(this.readModels.db(), params, queryTimeliness);
  }
}
