import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, inclusionConfigOf, type AppConfig } from '@sj/config';
import type { InclusionConfig } from '@sj/domain';
import type { SuspensionsQueryParams, SuspensionsResult } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetSuspensionsQuery {
  constructor(readonly params: SuspensionsQueryParams) {}
}

@QueryHandler(GetSuspensionsQuery)
export class GetSuspensionsHandler implements IQueryHandler<GetSuspensionsQuery, SuspensionsResult> {
  private readonly inclusion: InclusionConfig;

  constructor(
    private readonly connection: ReadModelConnection,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.inclusion = inclusionConfigOf(config);
  }

  async execute({ params }: GetSuspensionsQuery): Promise<SuspensionsResult> {
    return this.connection.readModels.suspensions(params, this.inclusion);
  }
}
