import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { PageSession } from './page-session';
import { SignInController } from './sign-in.controller';
import { WebAssets } from './web-assets';
import { WebController } from './web.controller';

/** `/sign-in`, `/sign-out`, `/`, `/caseload`, `/inbox`, `/dashboard`, `/dashboard/children/{childId}` and their `/assets/**`. */
@Module({ imports: [CqrsModule, AuthModule], controllers: [SignInController, WebController], providers: [WebAssets, PageSession] })
export class WebModule {}
