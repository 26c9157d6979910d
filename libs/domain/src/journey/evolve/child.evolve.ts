import type { CaseClosed, ChildDetailsChanged, ChildRegistered } from '../../events';
import type { JourneyState } from '../journey.state';

export function childRegistered(state: JourneyState, { occurredOn, data }: ChildRegistered): JourneyState {
  return {
    ...state,
    child: {
      givenName: data.erased ? null : data.givenName,
      familyName: data.erased ? null : data.familyName,
      dateOfBirth: data.erased ? null : data.dateOfBirth,
      erased: data.erased === true,
      area: data.area,
      nhsNumber: data.erased ? null : (data.nhsNumber ?? null),
      upn: data.erased ? null : (data.upn ?? null),
      school: data.school ?? null,
      caseworker: data.caseworker ?? null,
      registeredOn: occurredOn,
    },
  };
}

/** Only the fields present change: a move of school leaves area and caseworker as they were. */
export function childDetailsChanged(state: JourneyState, { data }: ChildDetailsChanged): JourneyState {
  if (state.child === null) return state;
  return {
    ...state,
    child: {
      ...state.child,
      ...(data.school !== undefined && { school: data.school }),
      ...(data.area !== undefined && { area: data.area }),
      ...(data.caseworker !== undefined && { caseworker: data.caseworker }),
    },
  };
}

export function caseClosed(state: JourneyState, { occurredOn, data }: CaseClosed): JourneyState {
  return { ...state, caseClosed: { on: occurredOn, reason: data.reason } };
}
