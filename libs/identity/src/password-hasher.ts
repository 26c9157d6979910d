import { hash, verify } from '@node-rs/argon2';

/** Long enough for three random words (NCSC's advice); the upper bound keeps hashing cheap for the server. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export class PasswordRejectedError extends Error {
  readonly code = 'PASSWORD_REJECTED';
  constructor(message: string) {
    super(message);
    this.name = 'PasswordRejectedError';
  }
}

/** Refuses a password too short or too long to be set, saying why. */
export function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new PasswordRejectedError(`The password must have at least ${PASSWORD_MIN_LENGTH} characters (three random words make a good one).`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new PasswordRejectedError(`The password must have at most ${PASSWORD_MAX_LENGTH} characters.`);
}

/**
 * Argon2id with the library's defaults, which are OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane);
 * the parameters travel inside each hash, so raising them later leaves existing hashes verifiable.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    // a stored value that is not an Argon2 hash matches nothing
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Verifies against a throw-away hash, so that signing in as someone with no account takes as long as a
 * wrong password for a real one and the time taken does not tell which user names exist.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  decoy ??= hash('not the password of anyone at all');
  await passwordMatches(await decoy, password);
}
