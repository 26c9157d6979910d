import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ManagersModule } from '../managers/managers.module';
import { AlertChannelsHealth } from './alert-channels-health';
import { HealthController } from './health.controller';
import { StorageHealth } from './storage-health';

/** `GET /health`; StorageHealth is also what the exception filter tells of every "store unavailable" answer. */
@Module({
  imports: [ManagersModule, AlertsModule],
  controllers: [HealthController],
  providers: [StorageHealth, AlertChannelsHealth],
  exports: [StorageHealth],
})
export class HealthModule {}
