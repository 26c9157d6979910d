import type { AppealConceded, AppealDecided, AppealGround, AppealLodged, LocalDate, MediationRecorded } from '../../events';
import type { JourneyAppeal, JourneyState } from '../journey.state';
import { entryOf, withEntry } from '../records';
import { reopenRequest } from './ehc-request.evolve';
import { updateEntry } from './state-updates';

/** Appeals against a refusal: an order (or a concession) sends the refused request back to its next step. */
const REFUSALS: readonly AppealGround[] = ['refusal-to-assess', 'refusal-to-reassess', 'refusal-to-issue'];

export function mediationRecorded(state: JourneyState, { occurredOn, data }: MediationRecorded): JourneyState {
  return {
    ...state,
    mediations: withEntry(state.mediations, data.mediationId, {
      mediationId: data.mediationId,
      about: data.about,
      requestId: data.requestId ?? null,
      recordedOn: occurredOn,
    }),
  };
}

export function appealLodged(state: JourneyState, { occurredOn, data }: AppealLodged): JourneyState {
  return {
    ...state,
    appeals: withEntry(state.appeals, data.appealId, {
      appealId: data.appealId,
      against: data.against,
      requestId: data.requestId ?? null,
      lodgedOn: occurredOn,
      concededOn: null,
      outcome: null,
      decidedOn: null,
      orderOn: null,
    }),
  };
}

/** reg 45: once the LA tells the Tribunal it will not oppose, the appeal is treated as decided for the appellant. */
export function appealConceded(state: JourneyState, { occurredOn, data }: AppealConceded): JourneyState {
  return bindLocalAuthority(
    { ...state, appeals: updateEntry(state.appeals, data.appealId, (a) => ({ ...a, concededOn: occurredOn })) },
    data.appealId,
    occurredOn,
  );
}

export function appealDecided(state: JourneyState, { occurredOn, data }: AppealDecided): JourneyState {
  const decided = {
    ...state,
    appeals: updateEntry(state.appeals, data.appealId, (a) => ({ ...a, outcome: data.outcome, decidedOn: occurredOn })),
  };
  return data.outcome === 'upheld' ? bindLocalAuthority(decided, data.appealId, occurredOn) : decided;
}

function bindLocalAuthority(state: JourneyState, appealId: string, on: LocalDate): JourneyState {
  const appeal = entryOf(state.appeals, appealId);
  if (appeal?.orderOn !== null) return state;
  const bound: JourneyAppeal = { ...appeal, orderOn: on };
  const next = { ...state, appeals: withEntry(state.appeals, appealId, bound) };
  return bound.requestId !== null && REFUSALS.includes(bound.against) ? reopenRequest(next, bound.requestId, on) : next;
}
