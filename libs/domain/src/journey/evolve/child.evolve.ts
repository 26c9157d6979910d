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
      sex: null,
      ethnicity: null,
      postcode: null,
      senNeeds: [],
      registeredOn: occurredOn,
    },
  };
}

/**
 * Only the fields present change: a move of school leaves area and caseworker as they were. Folded in
 * business-date order, so a move typed late still takes effect on its date (docs/domain-rules.md §6).
 */
export function childDetailsChanged(state: JourneyState, { data }: ChildDetailsChanged): JourneyState {
  if (state.child === null) return state;
  return {
    ...state,
    child: {
      ...state.child,
      ...(data.school !== undefined && { school: data.school }),
      ...(data.area !== undefined && { area: data.area }),
      ...(data.caseworker !== undefined && { caseworker: data.caseworker }),
      ...(data.sex !== undefined && { sex: data.sex }),
      ...(data.ethnicity !== undefined && { ethnicity: data.ethnicity }),
      ...(data.postcode !== undefined && { postcode: data.postcode }),
      ...(data.senNeeds !== undefined && { senNeeds: [...data.senNeeds] }),
    },
  };
}

export function caseClosed(state: JourneyState, { occurredOn, data }: CaseClosed): JourneyState {
  return { ...state, caseClosed: { on: occurredOn, reason: data.reason } };
}
