/**
 * Where each child's data-encryption key lives, apart from the event log (crypto-shredding).
 * Destroying a child's key is how their personal data is erased (UK GDPR Art. 17): the log keeps only
 * ciphertext, so without the key nothing in it, or in any backup of it, can be read again.
 */
export interface ChildKeyStore {
  /** The child's key, created on first use. Refused (`PersonalDataErasedError`) once the child is erased. */
  keyFor(childId: string): Buffer;
  /** The child's key, `'erased'` after erasure, or undefined when none was ever made. */
  existingKey(childId: string): Buffer | 'erased' | undefined;
  /** Destroys the key for good and remembers that the child was erased (and when). Idempotent. */
  destroy(childId: string, erasedAt: string): { readonly erasedAt: string; readonly alreadyErased: boolean };
  close(): void;
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
    super(`No encryption key for child ${childId}, and no erasure recorded: is DATA_DIR/keys.sqlite the one written with this event log?`);
    this.name = 'MissingChildKeyError';
  }
}
