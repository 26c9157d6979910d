import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AsOfPipe, ChildIdPipe } from './dto/path-params.pipe';
import { RecordEventPipe } from './dto/record-event.pipe';
import { GetJourneyHandler } from './get-journey.handler';
import { JourneyController } from './journey.controller';
import { RecordJourneyEventHandler } from './record-journey-event.handler';

@Module({
  imports: [CqrsModule],
  controllers: [JourneyController],
  providers: [RecordJourneyEventHandler, GetJourneyHandler, RecordEventPipe, ChildIdPipe, AsOfPipe],
})
export class JourneyModule {}
