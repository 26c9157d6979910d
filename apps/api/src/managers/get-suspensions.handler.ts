import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { querySuspensions, withinCallerScope, type SuspensionsQueryParams, type SuspensionsResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetSuspensionsQuery {
  constructor(readonly params: SuspensionsQueryParams) {}
}

@QueryHandler(GetSuspensionsQuery)
export class GetSuspensionsHandler implements IQueryHandler<GetSuspensionsQuery, SuspensionsResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetSuspensionsQuery): Promise<SuspensionsResult> {
    return withinCallerScope(this.readModels.db(), params, querySuspensions);
  }
}
