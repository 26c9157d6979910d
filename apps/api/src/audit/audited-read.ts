import type { AuthenticatedRequest } from '../auth/caller';
import { callerOf } from '../auth/caller';
import type { AuditLog } from './audit-log';

/** Logs that this request's caller read these children's records (before the answer leaves). */
export function auditRead(audit: AuditLog, req: AuthenticatedRequest, childIds: readonly string[]): void {
  audit.record(callerOf(req), 'read', `${req.method} ${req.originalUrl}`, req.correlationId, childIds);
}
