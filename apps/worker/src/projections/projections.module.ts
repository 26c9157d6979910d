import { Module } from '@nestjs/common';
import { ChildSearchIndexService } from './child-search-index.service';
import { ProjectionsService } from './projections.service';

@Module({ providers: [ProjectionsService, ChildSearchIndexService], exports: [ProjectionsService, ChildSearchIndexService] })
export class ProjectionsModule {}
