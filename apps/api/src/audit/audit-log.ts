import { Inject, Injectable } from '@nestjs/common';
import type { AuditAction, AuditFilter, AuditLogStore, AuditPage } from '@sj/audit';
import type { Caller } from '../auth/caller';

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@sj/audit';

/** Injection token of the audit log's store (`AuditLogStore` from @sj/audit): PostgreSQL with DATABASE_URL, else `<DATA_DIR>/audit.sqlite`. */
export const AUDIT_LOG_STORE = Symbol('AUDIT_LOG_STORE');

/**
 * Who read which children's records, and who erased whose (UK GDPR Art. 5(2) accountability, Art. 30, and
 * the DPA 2018 s.62 logging of consultation). A read is logged before its answer is sent: if the log cannot
 * be written, the read fails rather than go unrecorded.
 */
@Injectable()
export class AuditLog {
  constructor(@Inject(AUDIT_LOG_STORE) private readonly store: AuditLogStore) {}

  record(
    caller: Pick<Caller, 'sub' | 'roles'>,
    action: AuditAction,
    route: string,
    correlationId: string | undefined,
    childIds: readonly string[],
    at: Date = new Date(),
  ): Promise<number> {
    return this.store.append({
      at: at.toISOString(),
      sub: caller.sub,
      roles: caller.roles,
      action,
      route,
      correlationId: correlationId ?? null,
      childIds,
    });
  }

  find(filter: AuditFilter): Promise<AuditPage> {
    return this.store.find(filter);
  }
}
