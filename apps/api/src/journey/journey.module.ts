import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { ChildKeyStore, EventStore } from '@sj/event-store';
import { CHILD_KEY_STORE, EVENT_STORE } from '../../../shared/src/tokens';
import { AlertsModule } from '../alerts/alerts.module';
import { ChildAccessPolicy } from '../auth/child-access.policy';
import { AsOfPipe, ChildIdPipe } from './dto/path-params.pipe';
import { RecordEventPipe } from './dto/record-event.pipe';
import { GetJourneyHandler } from './get-journey.handler';
import { GetNextStepsHandler } from './get-next-steps.handler';
import { JourneyStateCache } from './journey-state-cache';
import { JourneyController } from './journey.controller';
import { RecordJourneyEventHandler } from './record-journey-event.handler';

@Module({
  imports: [CqrsModule, AlertsModule],
  controllers: [JourneyController],
  providers: [
    // one per process: recording and reading a journey advance the same folded states
    {
      provide: JourneyStateCache,
      useFactory: (store: EventStore, keys: ChildKeyStore) => new JourneyStateCache(store, keys),
      inject: [EVENT_STORE, CHILD_KEY_STORE],
    },
    ChildAccessPolicy,
    RecordJourneyEventHandler,
    GetJourneyHandler,
    GetNextStepsHandler,
    RecordEventPipe,
    ChildIdPipe,
    AsOfPipe,
  ],
  // the record forms read the same folded journeys the API records into
  exports: [JourneyStateCache],
})
export class JourneyModule {}
