import type { AuthenticatedRequest } from '../auth/caller';
import { callerOf } from '../auth/caller';
import type { AuditLog } from './audit-log';

/** Logs that this request's caller read these children's records (before the answer leaves). */
export async function auditRead(audit: AuditLog, req: AuthenticatedRequest, childIds: readonly string[]): Promise<void> {
  await audit.record(callerOf(req), 'read', `${req.method} ${req.originalUrl}`, req.correlationId, childIds);
}
