import { DomainError } from './domain-error';

/** Nothing can be recorded for a child the service has not registered (docs/domain-rules.md §3). */
export class ChildNotRegistered extends DomainError {
  readonly kind = 'not-found' as const;

  constructor(childId: string) {
    super('CHILD_NOT_REGISTERED', `Child ${childId} is not registered. Record ChildRegistered first.`, { childId });
  }
}
