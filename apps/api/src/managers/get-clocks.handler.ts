import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { ClockItem, ClocksQueryParams, Page } from '@sj/read-models';
import { ReadModelConnection } from './read-model-connection';

export class GetClocksQuery {
  constructor(readonly params: Omit<ClocksQueryParams, 'warningWindowDays'>) {}
}

@QueryHandler(GetClocksQuery)
export class GetClocksHandler implements IQueryHandler<GetClocksQuery, Page<ClockItem>> {
  constructor(
    private readonly connection: ReadModelConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ params }: GetClocksQuery): Promise<Page<ClockItem>> {
    return this.connection.readModels.clocks({ ...params, warningWindowDays: this.config.clockWarningWindowDays });
  }
}
