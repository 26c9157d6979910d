/** Injection token of the application's `EventStore` (the port from @sj/event-store). */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Injection token of the children's key store (`ChildKeyStore` from @sj/event-store), shared by the event store and erasure. */
export const CHILD_KEY_STORE = Symbol('CHILD_KEY_STORE');
