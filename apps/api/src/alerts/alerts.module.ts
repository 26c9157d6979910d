import { Module } from '@nestjs/common';
import { ALERT_STORE, AlertStoreLifecycle, alertStoreProvider } from './alert-store.provider';
import { AlertsController } from './alerts.controller';
import { AlertsQueueDepth } from './alerts-queue-depth';

/** `GET /alerts`, `POST /alerts/{id}/acknowledge`, and the delivery queue depth for /health. */
@Module({
  controllers: [AlertsController],
  providers: [alertStoreProvider, AlertStoreLifecycle, AlertsQueueDepth],
  exports: [AlertsQueueDepth, ALERT_STORE],
})
export class AlertsModule {}
