/**
 * Projections compute every date the recorded events will ever give (as of the end of time);
 * queries then judge those dates as of the day a manager asks, so nothing goes stale overnight.
 */
export const END_OF_TIME = '9999-12-31';

/** Before any business date: where a period has no first day (the registration area holds from the beginning). */
export const BEGINNING_OF_TIME = '0001-01-01';
