import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@sj/config';
import { CoreModule } from '../../shared/src/core.module';
import { WorkerFeaturesModule } from '../../worker/src/worker.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ErasureModule } from './erasure/erasure.module';
import { HealthModule } from './health/health.module';
import { JourneyModule } from './journey/journey.module';
import { ManagersModule } from './managers/managers.module';
import { ReturnsModule } from './returns/returns.module';
import { WebModule } from './web/web.module';

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
      imports: [
        CoreModule.forRoot(config),
        AuthModule,
        AuditModule,
        ErasureModule,
        JourneyModule,
        ManagersModule,
        ReturnsModule,
        AlertsModule,
        HealthModule,
        WebModule,
        ...(options.withWorker ? [WorkerFeaturesModule] : []),
      ],
    };
  }
}
