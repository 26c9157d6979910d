import { Module } from '@nestjs/common';
import { WebAssets } from './web-assets';
import { WebController } from './web.controller';

/** `/dashboard`, `/dashboard/children/{childId}`, `/inbox` and their `/assets/**`. */
@Module({ controllers: [WebController], providers: [WebAssets] })
export class WebModule {}
