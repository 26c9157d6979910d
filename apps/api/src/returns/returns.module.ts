import { Module } from '@nestjs/common';
import { ReturnsController } from './returns.controller';
import { Sen2ReturnBuilder } from './sen2-return.builder';

/** `GET /returns/sen2`, `/returns/sen2/problems` and `/returns/sen2/summary`. */
@Module({ controllers: [ReturnsController], providers: [Sen2ReturnBuilder] })
export class ReturnsModule {}
