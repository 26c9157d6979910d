import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ChildNotRegistered, foldJourney, nextSteps } from '@sj/domain';
import { journeyStreamId } from '@sj/event-store';
import { GetNextStepsQuery, type NextStepsResponse } from './get-next-steps.query';
import { JourneyStateCache } from './journey-state-cache';
import { asOfEvents, nothingDatedAfter } from './journey-response';
import { registeredAreaOf } from './registered-area';

/**
 * Asks the domain's `nextSteps` (docs/domain-rules.md §3) rather than repeating any order rule here, so a form
 * built from this answer can never offer a step that recording would refuse.
 */
@QueryHandler(GetNextStepsQuery)
export class GetNextStepsHandler implements IQueryHandler<GetNextStepsQuery, NextStepsResponse> {
  constructor(private readonly journeys: JourneyStateCache) {}

  async execute(query: GetNextStepsQuery): Promise<NextStepsResponse> {
    const { state: whole } = await this.journeys.current(journeyStreamId(query.childId));
    const area = registeredAreaOf(whole);
    if (area === undefined) throw new ChildNotRegistered(query.childId);
    if (!(await query.mayRead(area))) throw new ChildNotRegistered(query.childId);
    // as of the date: later events have not happened yet, but a void takes its event away whenever it was recorded
    const state = nothingDatedAfter(whole.events, query.asOf) ? whole : foldJourney(asOfEvents(whole.events, query.asOf));
    return { childId: query.childId, asOf: query.asOf, steps: nextSteps(state, query.childId, query.asOf) };
  }
}
