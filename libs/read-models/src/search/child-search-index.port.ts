/** One child as the search index keeps them: their current area and the keyed hashes of their search terms. */
export interface ChildSearchEntry {
  readonly childId: string;
  /** Undefined: the child is no longer searchable (not registered any more, or erased); their rows go. */
  readonly area: string | undefined;
  readonly termHashes: readonly string[];
}

/** The children one batch of the log touched, written with the batch's last position as the new checkpoint. */
export interface ChildSearchBatch {
  readonly entries: readonly ChildSearchEntry[];
  readonly position: string;
}

export interface ChildSearchRequest {
  /** A child matches when they have every hash of at least one of these groups. */
  readonly anyOf: readonly (readonly string[])[];
  /** A child whose id is this matches too (ids are not personal data, so they are not hashed). */
  readonly childId?: string;
  /** Only children in one of these areas; `'all'` for everyone's (an admin). An empty list matches nobody. */
  readonly areas: readonly string[] | 'all';
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface ChildSearchPage {
  /** The page's children, in child id order. */
  readonly childIds: readonly string[];
  readonly total: number;
}

/** The key of the keyed hashes, kept apart from the hashes. */
export const SEARCH_KEY_BYTES = 32;

/**
 * Finding a child by name, NHS number or UPN without keeping any of them in the clear: the worker writes keyed
 * hashes of each child's normalised terms from the decrypted log, the API looks the hashes of a search up.
 * Derived from the log like the read models (cleared and written again by a rebuild), except that an erasure is
 * remembered: once a child is forgotten, no later write brings their rows back.
 */
export interface ChildSearchIndex {
  readonly kind: 'sqlite' | 'postgres';
  /** The hashing key, 256 random bits made on first use; every process on the same storage gets the same one. */
  hashKey(): Promise<Buffer>;
  /** The last position written; undefined before the first batch and after `clear`. */
  checkpoint(): Promise<string | undefined>;
  /** Replaces each entry's rows (an erased child's stay away) and moves the checkpoint, atomically. */
  write(batch: ChildSearchBatch): Promise<void>;
  /** Every row and the checkpoint go, before a rebuild; the key and the erasures stay. */
  clear(): Promise<void>;
  find(request: ChildSearchRequest): Promise<ChildSearchPage>;
  /** The child's rows go now, and the erasure is kept so that no later write or rebuild restores them (UK GDPR Art. 17). */
  forget(childId: string, erasedAt: string): Promise<void>;
  close(): Promise<void>;
}

/** The index cannot be reached or used now (the SQLite file locked or missing, PostgreSQL down); nothing changed. */
export class ChildSearchUnavailableError extends Error {
  readonly code = 'CHILD_SEARCH_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The index for finding children is not available: ${detail}`, options);
    this.name = 'ChildSearchUnavailableError';
  }
}
