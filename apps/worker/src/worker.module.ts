import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@sj/config';
import { CoreModule } from '../../shared/src/core.module';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { WorkerLeadershipService } from './leadership/worker-leadership.service';
import { ProjectionsModule } from './projections/projections.module';
import { WorkerReadyService } from './worker-ready.service';

/** The worker's own parts, without the shared core (so `main-all` can run it beside the API). */
@Module({ imports: [ProjectionsModule, AlertsWorkerModule], providers: [WorkerReadyService, WorkerLeadershipService] })
export class WorkerFeaturesModule {}

/** Root module of the worker process. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config), WorkerFeaturesModule] };
  }
}
