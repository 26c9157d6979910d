import type { AlertStatusFilter } from './alert-store.port';

/** The condition on `alerts a` each status filter adds: the same SQL in SQLite and PostgreSQL. */
export const STATUS_CONDITION: Readonly<Record<AlertStatusFilter, string>> = {
  open: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NULL',
  acknowledged: 'AND a.withdrawn_at IS NULL AND a.acknowledged_at IS NOT NULL',
  withdrawn: 'AND a.withdrawn_at IS NOT NULL',
  all: '',
};
