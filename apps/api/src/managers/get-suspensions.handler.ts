import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, inclusionConfigOf, type AppConfig } from '@sj/config';
import type { InclusionConfig } from '@sj/domain';
import { querySuspensions, withinCallerScope, type SuspensionsQueryParams, type SuspensionsResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetSuspensionsQuery {
  constructor(readonly params: SuspensionsQueryParams) {}
}

@QueryHandler(GetSuspensionsQuery)
export class GetSuspensionsHandler implements IQueryHandler<GetSuspensionsQuery, SuspensionsResult> {
  private readonly inclusion: InclusionConfig;

  constructor(
    private readonly readModels: ReadModelConnection,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.inclusion = inclusionConfigOf(config);
  }

  async execute({ params }: GetSuspensionsQuery): Promise<SuspensionsResult> {
    return withinCallerScope(this.readModels.db(), params, (db, scoped) => querySuspensions(db, scoped, this.inclusion));
  }
}
