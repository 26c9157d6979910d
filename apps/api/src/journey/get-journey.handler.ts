import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, clockConfigOf, inclusionConfigOf, type AppConfig } from '@sj/config';
import { ChildNotRegistered, foldJourney } from '@sj/domain';
import { decodeJourneyEvent, journeyStreamId, type EventStore } from '@sj/event-store';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { GetJourneyQuery } from './get-journey.query';
import { buildJourneyResponse, type JourneyResponse, type JourneyRules } from './journey-response';

@QueryHandler(GetJourneyQuery)
export class GetJourneyHandler implements IQueryHandler<GetJourneyQuery, JourneyResponse> {
  private readonly rules: JourneyRules;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = { clocks: clockConfigOf(config), inclusion: inclusionConfigOf(config) };
  }

  async execute(query: GetJourneyQuery): Promise<JourneyResponse> {
    const events = (await this.store.readStream(journeyStreamId(query.childId))).map(decodeJourneyEvent);
    const registration = [...events].reverse().find((e) => e.event.type === 'ChildRegistered');
    if (registration === undefined) throw new ChildNotRegistered(query.childId);
    // the child's area now (a voided registration still names the area it was recorded for)
    const area = foldJourney(events).child?.area ?? (registration.event.data as { area: string }).area;
    if (!(await query.mayRead(area))) throw new ChildNotRegistered(query.childId);
    return buildJourneyResponse(query.childId, query.asOf, events, this.rules);
  }
}
