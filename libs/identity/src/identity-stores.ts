import type { LocalAccountStore } from './local-accounts.port';
import type { SessionStore } from './sessions.port';

/** The two identity ports on one database, as an app opens them; `close` lets go of what the opener opened. */
export interface IdentityStores {
  readonly accounts: LocalAccountStore;
  readonly sessions: SessionStore;
  close(): Promise<void>;
}
