/**
 * Where each child's data-encryption key lives, apart from the event log (crypto-shredding).
 * Destroying a child's key is how their personal data is erased (UK GDPR Art. 17): the log keeps only
 * ciphertext, so without the key nothing in it, or in any backup of it, can be read again.
 */
export interface ChildKeyStore {
  /** The child's key, created on first use; two processes asking at once get the same one. Refused (`PersonalDataErasedError`) once the child is erased. */
  keyFor(childId: string): Promise<Buffer>;
  /** What is stored now for each of these children: its key, or `'erased'`; a child with neither is left out. */
  existingKeys(childIds: readonly string[]): Promise<ReadonlyMap<string, Buffer | 'erased'>>;
  /**
   * Destroys the key for good, so that no copy remains in the store's live data, and remembers that the child was
   * erased (and when). Idempotent: erasing again keeps the first erasure's time.
   */
  destroy(childId: string, erasedAt: string): Promise<{ readonly erasedAt: string; readonly alreadyErased: boolean }>;
  close(): Promise<void>;
}

/** Personal data of an erased child can no longer be written or read. */
export class PersonalDataErasedError extends Error {
  readonly code = 'PERSONAL_DATA_ERASED';

  constructor(readonly childId: string) {
    super(`The personal data of child ${childId} has been erased; it cannot be recorded again under this child id.`);
    this.name = 'PersonalDataErasedError';
  }
}

/** A stored ciphertext whose key is missing without an erasure: a broken or mismatched key store. */
export class MissingChildKeyError extends Error {
  readonly code = 'CHILD_KEY_MISSING';

  constructor(readonly childId: string) {
    super(
      `No encryption key for child ${childId}, and no erasure recorded: is the key store (DATA_DIR/keys.sqlite, or DATABASE_URL) the one written with this event log?`,
    );
    this.name = 'MissingChildKeyError';
  }
}

/** The key store cannot be reached or used now (PostgreSQL down, the SQLite file locked or closed); nothing was changed. */
export class ChildKeyStoreUnavailableError extends Error {
  readonly code = 'CHILD_KEY_STORE_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The store of children's encryption keys is not available: ${detail}`, options);
    this.name = 'ChildKeyStoreUnavailableError';
  }
}
