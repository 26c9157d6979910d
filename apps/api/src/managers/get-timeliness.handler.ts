import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TimelinessQueryParams, TimelinessResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetTimelinessQuery {
  constructor(readonly params: TimelinessQueryParams) {}
}

@QueryHandler(GetTimelinessQuery)
export class GetTimelinessHandler implements IQueryHandler<GetTimelinessQuery, TimelinessResult> {
  constructor(private readonly connection: ReadModelConnection) {}

  async execute({ params }: GetTimelinessQuery): Promise<TimelinessResult> {
    return this.connection.readModels.timeliness(params);
  }
}
