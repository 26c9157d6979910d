import type { AlertStatus, AlertStatusFilter } from './alert-store.port';

/** The condition on `alerts a` each status filter adds: the same SQL in SQLite and PostgreSQL. */
export const STATUS_CONDITION: Readonly<Record<AlertStatusFilter, string>> = {
  open: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NULL',
  acknowledged: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NOT NULL',
  withdrawn: 'AND a.withdrawn_at IS NOT NULL',
  all: '',
};

/** A stored alert's status from its row, as STATUS_CONDITION reads it: a withdrawal outranks an acknowledgement. */
export function statusOfRow(row: { readonly withdrawn_at: unknown; readonly acknowledged_at: unknown }): AlertStatus {
  if (row.withdrawn_at !== null) return 'withdrawn';
  return row.acknowledged_at !== null ? 'acknowledged' : 'open';
}
