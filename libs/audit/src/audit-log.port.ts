/** Reads and erasures of children's records, and every sign-in, sign-out, refused sign-in and lock-out. */
export const AUDIT_ACTIONS = ['read', 'erase', 'sign-in', 'sign-out', 'sign-in-failed', 'locked-out'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What is recorded: who (subject and roles), did what, through which route, when, about which children. */
export interface NewAuditEntry {
  /** ISO instant. */
  readonly at: string;
  readonly sub: string;
  readonly roles: readonly string[];
  readonly action: AuditAction;
  /** Method, path and query string as called, e.g. `GET /clocks?area=north&format=csv`. */
  readonly route: string;
  readonly correlationId: string | null;
  /** The children the answer named; repeats count once. */
  readonly childIds: readonly string[];
}

export interface AuditEntry extends Omit<NewAuditEntry, 'childIds'> {
  readonly id: number;
  readonly childCount: number;
  /** The children the answer named, in order of id: the first `AUDIT_CHILD_IDS_SHOWN`; `childCount` says how many. */
  readonly childIds: readonly string[];
}

export const AUDIT_CHILD_IDS_SHOWN = 100;

export interface AuditFilter {
  readonly childId?: string;
  readonly sub?: string;
  /** Inclusive: an ISO instant, or a date meaning from the start of that day (UTC). */
  readonly from?: string;
  /** Inclusive: an ISO instant, or a date meaning to the end of that day (UTC). */
  readonly to?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface AuditPage {
  readonly items: AuditEntry[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Who read which children's records, and who erased whose (UK GDPR Art. 5(2) accountability, Art. 30, and the
 * DPA 2018 s.62 logging of consultation). Append-only: there is no way through the port to change or remove an
 * entry, and each adapter's database refuses it too.
 */
export interface AuditLogStore {
  /** Stores the entry and its children at once (all or nothing); answers the entry's id. */
  append(entry: NewAuditEntry): Promise<number>;
  /** Newest first. */
  find(filter: AuditFilter): Promise<AuditPage>;
  close(): Promise<void>;
}

/** The audit log cannot be written or read now; a read that must be logged fails rather than go unrecorded. */
export class AuditLogUnavailableError extends Error {
  readonly code = 'AUDIT_LOG_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The audit log is not available: ${detail}`, options);
    this.name = 'AuditLogUnavailableError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A filter bound as a full ISO instant (milliseconds, UTC), so both adapters compare instants alike. */
export function auditBound(value: string, side: 'from' | 'to'): string {
  if (DATE.test(value)) return `${value}T${side === 'from' ? '00:00:00.000' : '23:59:59.999'}Z`;
  return new Date(value).toISOString();
}

/** Each child once, in a stable order, as stored. */
export function distinctChildren(childIds: readonly string[]): string[] {
  return [...new Set(childIds)].sort();
}
