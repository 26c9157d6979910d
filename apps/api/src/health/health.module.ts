import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ManagersModule } from '../managers/managers.module';
import { HealthController } from './health.controller';

@Module({ imports: [ManagersModule, AlertsModule], controllers: [HealthController] })
export class HealthModule {}
