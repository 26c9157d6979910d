/** Injection token of the application's `EventStore` (the port from @sj/event-store). */
export const EVENT_STORE = Symbol('EVENT_STORE');
