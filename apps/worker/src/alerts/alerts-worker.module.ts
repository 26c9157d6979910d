import { Module } from '@nestjs/common';
import { AlertsWorkerService } from './alerts-worker.service';

/** The worker's alerting; needs CoreModule (config, clock, event store, Redis) from the root module. */
@Module({ providers: [AlertsWorkerService], exports: [AlertsWorkerService] })
export class AlertsWorkerModule {}
