import { Module } from '@nestjs/common';
import { ManagersModule } from '../managers/managers.module';
import { HealthController } from './health.controller';

@Module({ imports: [ManagersModule], controllers: [HealthController] })
export class HealthModule {}
