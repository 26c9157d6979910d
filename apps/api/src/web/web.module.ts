import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AlertsModule } from '../alerts/alerts.module';
import { AuthModule } from '../auth/auth.module';
import { ChildrenSearchModule } from '../children-search/children-search.module';
import { ChildAccessPolicy } from '../auth/child-access.policy';
import { JourneyModule } from '../journey/journey.module';
import { RecordFormsController } from './forms/record-forms.controller';
import { PageSession } from './page-session';
import { SignInController } from './sign-in.controller';
import { WebAssets } from './web-assets';
import { WebController } from './web.controller';

/** `/sign-in`, `/sign-out`, `/`, `/caseload`, `/inbox`, `/dashboard`, `/dashboard/children/{childId}` and their `/assets/**`. */
@Module({
  imports: [CqrsModule, AuthModule, ChildrenSearchModule, AlertsModule, JourneyModule],
  // the forms first: `/children/new` is theirs, not a child's page
  controllers: [SignInController, RecordFormsController, WebController],
  providers: [WebAssets, PageSession, ChildAccessPolicy],
})
export class WebModule {}
