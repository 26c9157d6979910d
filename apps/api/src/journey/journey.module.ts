import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AlertsModule } from '../alerts/alerts.module';
import { ChildAccessPolicy } from '../auth/child-access.policy';
import { AsOfPipe, ChildIdPipe } from './dto/path-params.pipe';
import { RecordEventPipe } from './dto/record-event.pipe';
import { GetJourneyHandler } from './get-journey.handler';
import { GetNextStepsHandler } from './get-next-steps.handler';
import { JourneyController } from './journey.controller';
import { RecordJourneyEventHandler } from './record-journey-event.handler';

@Module({
  imports: [CqrsModule, AlertsModule],
  controllers: [JourneyController],
  providers: [ChildAccessPolicy, RecordJourneyEventHandler, GetJourneyHandler, GetNextStepsHandler, RecordEventPipe, ChildIdPipe, AsOfPipe],
})
export class JourneyModule {}
