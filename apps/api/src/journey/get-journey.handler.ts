import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, clockConfigOf, inclusionConfigOf, type AppConfig } from '@sj/config';
import { ChildNotRegistered, type JourneyState } from '@sj/domain';
import { journeyStreamId } from '@sj/event-store';
import { GetJourneyQuery } from './get-journey.query';
import { JourneyStateCache } from './journey-state-cache';
import { buildJourneyResponse, type JourneyResponse, type JourneyRules } from './journey-response';
import { registeredAreaOf } from './registered-area';

/**
 * A journey is read from the folded state the cache holds (advanced by whatever was appended since), and the answer
 * built from one state for one `asOf` is kept with that state: reading a long journey again costs what changed.
 */
@QueryHandler(GetJourneyQuery)
export class GetJourneyHandler implements IQueryHandler<GetJourneyQuery, JourneyResponse> {
  private readonly rules: JourneyRules;
  /** The last answer built from each folded state; a state the cache drops takes its answer with it. */
  private readonly answers = new WeakMap<JourneyState, { readonly asOf: string; readonly response: JourneyResponse }>();

  constructor(
    private readonly journeys: JourneyStateCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = { clocks: clockConfigOf(config), inclusion: inclusionConfigOf(config) };
  }

  async execute(query: GetJourneyQuery): Promise<JourneyResponse> {
    const { state } = await this.journeys.current(journeyStreamId(query.childId));
    const area = registeredAreaOf(state);
    if (area === undefined) throw new ChildNotRegistered(query.childId);
    if (!(await query.mayRead(area))) throw new ChildNotRegistered(query.childId);
    const known = this.answers.get(state);
    if (known?.asOf === query.asOf) return known.response;
    const response = buildJourneyResponse(query.childId, query.asOf, state.events, this.rules, state);
    this.answers.set(state, { asOf: query.asOf, response });
    return response;
  }
}
