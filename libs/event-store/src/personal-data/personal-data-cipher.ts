import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The fields of `ChildRegistered` and `ChildDetailsChanged` that identify a child (UK GDPR Art. 4(1);
 * with SEND needs, special-category context under Art. 9). Only these are encrypted; area, school and
 * caseworker stay readable because every filter, statistic and access check needs them.
 */
export const PERSONAL_FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'upn', 'sex', 'ethnicity', 'postcode'] as const;

/** Event types whose data may carry personal fields. */
export const EVENT_TYPES_WITH_PERSONAL_DATA: ReadonlySet<string> = new Set(['ChildRegistered', 'ChildDetailsChanged']);

/** AES-256-GCM ciphertext of the personal fields of one event, as stored in the event's data. */
export interface EncryptedEnvelope {
  readonly alg: 'A256GCM';
  /** 96-bit random IV, base64; a new one for every field set. */
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const ALGORITHM = 'aes-256-gcm';

/** Encrypts a field set; `aad` binds the ciphertext to its event, so it cannot be moved to another. */
export function sealFields(fields: Record<string, unknown>, key: Buffer, aad: string): EncryptedEnvelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Decrypts and authenticates a field set; throws when the key, the AAD or the bytes do not match. */
export function openFields(envelope: EncryptedEnvelope, key: Buffer, aad: string): Record<string, unknown> {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}

export function isEncryptedEnvelope(value: unknown): value is EncryptedEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.alg === 'A256GCM' && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.ciphertext === 'string';
}
