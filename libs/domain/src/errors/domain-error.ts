/**
 * How the API should treat a refusal. HTTP statuses are decided once, in the API's exception
 * filter (ENGINEERING.md): `not-found` → 404, `rule-violation` → 422, `conflict` → 409.
 */
export type DomainErrorKind = 'not-found' | 'rule-violation' | 'conflict';

/**
 * A refusal by the domain. `code` is stable (clients and tests match on it); `message` is written
 * for a caseworker; `details` names the rule and the dates or ids involved.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  readonly code: string;
  readonly details?: Record<string, unknown>;

  protected constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}
