import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsQueueDepth } from './alerts-queue-depth';
import { AlertsStore } from './alerts-store';

/** `GET /alerts`, `POST /alerts/{id}/acknowledge`, and the delivery queue depth for /health. */
@Module({ controllers: [AlertsController], providers: [AlertsStore, AlertsQueueDepth], exports: [AlertsQueueDepth, AlertsStore] })
export class AlertsModule {}
