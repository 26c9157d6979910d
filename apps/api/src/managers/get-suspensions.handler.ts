import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { querySuspensions, type SuspensionsQueryParams, type SuspensionsResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetSuspensionsQuery {
  constructor(readonly params: SuspensionsQueryParams) {}
}

@QueryHandler(GetSuspensionsQuery)
export class GetSuspensionsHandler implements IQueryHandler<GetSuspensionsQuery, SuspensionsResult> {
  constructor(private readonly readModels: ReadModelConnection) {}

  async execute({ params }: GetSuspensionsQuery): Promise<SuspensionsResult> {
    return querySuspensions(this.readModels.db(), params);
  }
}
