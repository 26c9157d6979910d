import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@sj/config';
import { CoreModule } from '../../shared/src/core.module';
import { WorkerFeaturesModule } from '../../worker/src/worker.module';
import { AlertsModule } from './alerts/alerts.module';
import { HealthModule } from './health/health.module';
import { JourneyModule } from './journey/journey.module';
import { ManagersModule } from './managers/managers.module';

export interface ApiModuleOptions {
  /** Also run the worker's parts in this process (`npm start`). */
  readonly withWorker?: boolean;
}

/** Root module of the API process (and of the all-in-one process). */
@Module({})
export class ApiModule {
  static register(config: AppConfig, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), JourneyModule, ManagersModule, AlertsModule, HealthModule, ...(options.withWorker ? [WorkerFeaturesModule] : [])],
    };
  }
}
