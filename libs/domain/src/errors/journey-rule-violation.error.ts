import { DomainError } from './domain-error';

/**
 * An order rule of docs/domain-rules.md §3 refused the event; nothing was written.
 * `code` names the rule (e.g. `REFERRAL_NOT_FOUND`) and is repeated as `details.rule`
 * so an error body that only carries details still says which rule it was.
 */
export class JourneyRuleViolation extends DomainError {
  readonly kind = 'rule-violation' as const;
  declare readonly details: Record<string, unknown> & { readonly rule: string };

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, { rule: code, ...details });
  }
}
