import { Module } from '@nestjs/common';
import { ChildrenSearchModule } from '../children-search/children-search.module';
import { ManagersModule } from '../managers/managers.module';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({ imports: [ManagersModule, ChildrenSearchModule], controllers: [ErasureController], providers: [ErasureService] })
export class ErasureModule {}
