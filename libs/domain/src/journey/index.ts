export * from './journey.state';
export { evolve, foldJourney } from './journey.evolve';
export { decide, type RecordJourneyEvent } from './journey.decide';
export * from './journey-stages.view';
export * from './next-steps';
