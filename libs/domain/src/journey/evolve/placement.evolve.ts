import type { PlacementNamed } from '../../events';
import type { JourneyState } from '../journey.state';
import { withEntry } from '../records';

/** The school, college or setting a plan names (SEN2 module 4b); a later entry with the same id replaces it. */
export function placementNamed(state: JourneyState, { occurredOn, data }: PlacementNamed): JourneyState {
  return {
    ...state,
    placements: withEntry(state.placements, data.placementId, {
      placementId: data.placementId,
      requestId: data.requestId ?? null,
      urn: data.urn ?? null,
      ukprn: data.ukprn ?? null,
      setting: data.setting ?? null,
      startedOn: data.startedOn,
      endedOn: data.endedOn ?? null,
      rank: data.rank,
      namedOn: occurredOn,
    }),
  };
}
