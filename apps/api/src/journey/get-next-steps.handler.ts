import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ChildNotRegistered, foldJourney, nextSteps } from '@sj/domain';
import { decodeJourneyEvent, journeyStreamId, type EventStore } from '@sj/event-store';
import { EVENT_STORE } from '../../../shared/src/tokens';
import { GetNextStepsQuery, type NextStepsResponse } from './get-next-steps.query';

/**
 * Asks the domain's `nextSteps` (docs/domain-rules.md §3) rather than repeating any order rule here, so a form
 * built from this answer can never offer a step that recording would refuse.
 */
@QueryHandler(GetNextStepsQuery)
export class GetNextStepsHandler implements IQueryHandler<GetNextStepsQuery, NextStepsResponse> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetNextStepsQuery): Promise<NextStepsResponse> {
    const events = (await this.store.readStream(journeyStreamId(query.childId))).map(decodeJourneyEvent);
    const registration = [...events].reverse().find((e) => e.event.type === 'ChildRegistered');
    if (registration === undefined) throw new ChildNotRegistered(query.childId);
    const area = foldJourney(events).child?.area ?? (registration.event.data as { area: string }).area;
    if (!(await query.mayRead(area))) throw new ChildNotRegistered(query.childId);
    // as of the date: later events have not happened yet, but a void takes its event away whenever it was recorded
    const state = foldJourney(events.filter((e) => e.event.type === 'EventVoided' || e.event.occurredOn <= query.asOf));
    return { childId: query.childId, asOf: query.asOf, steps: nextSteps(state, query.childId, query.asOf) };
  }
}
