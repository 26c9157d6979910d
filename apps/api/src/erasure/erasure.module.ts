import { Module } from '@nestjs/common';
import { ManagersModule } from '../managers/managers.module';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({ imports: [ManagersModule], controllers: [ErasureController], providers: [ErasureService] })
export class ErasureModule {}
