import type { AlertChange, AlertFacts, AlertRule, Recipient } from '../rules/alert-decision';

/** Where an alert stands for its recipients: waiting for them, seen by one of them, or no longer called for. */
export type AlertStatus = 'open' | 'acknowledged' | 'withdrawn';

/** An alert as stored and shown: ids and facts only, plus the link to the child's journey. */
export interface StoredAlert {
  readonly alertId: string;
  readonly rule: AlertRule;
  readonly childId: string;
  readonly area: string;
  readonly period: string;
  readonly recipients: readonly Recipient[];
  readonly facts: AlertFacts;
  readonly link: string;
  readonly status: AlertStatus;
  /** When it was first raised. */
  readonly createdAt: string;
  /** When it was last raised again after a withdrawal; null if never reopened. */
  readonly reopenedAt: string | null;
  /** When its latest notice went to the delivery queue; null while one waits in the outbox. */
  readonly queuedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly withdrawnAt: string | null;
  /** Why it no longer holds, e.g. "suspension s3 voided: fewer than 3 counted suspensions in school year 2024/25". */
  readonly withdrawnReason: string | null;
}

export type AlertStatusFilter = AlertStatus | 'all';

export const ALERT_STATUS_FILTERS: readonly AlertStatusFilter[] = ['open', 'acknowledged', 'withdrawn', 'all'];

export interface AlertPage {
  readonly items: StoredAlert[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** What recipients are told about an alert: that it was raised (or reopened), or that it was withdrawn. */
export type NoticeKind = 'raised' | 'withdrawn';

/**
 * One notice in the outbox. `episode` counts the alert's raises (1 = first raised, 2 = first
 * reopened, ...); a withdrawal belongs to the episode it ends. The recipients are those told of the
 * raise, so a withdrawal reaches exactly who was told.
 */
export interface AlertNotice {
  readonly alertId: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly area: string;
  readonly recipients: readonly Recipient[];
  readonly facts: AlertFacts;
  /** Why it was withdrawn; null for a raise. */
  readonly reason: string | null;
  readonly createdAt: string;
}

/** One delivery: a notice, over one channel, to one recipient. */
export interface DeliveryKey {
  readonly alertId: string;
  readonly notice: NoticeKind;
  readonly episode: number;
  readonly channel: string;
  readonly recipient: string;
}

/**
 * The alert inbox (what recipients list and acknowledge) and outbox (notices waiting for the delivery queue,
 * deliveries made), with the outbox consumer's checkpoint beside them: alerts are not disposable like read
 * models (acknowledgements, deliveries), so they are kept apart from them.
 */
export interface AlertStore {
  /** Where the outbox consumer resumes in the event log; undefined before its first batch or after a reset. */
  checkpoint(): Promise<string | undefined>;
  /**
   * Applies the changes not stored yet, each with its notice in the outbox, and answers how many notices were
   * added. `changes` is each alert's whole life so far (in order, per alert id), so replays, restarts and
   * rebuilds apply nothing twice. Given a `checkpoint`, moves the consumer's checkpoint there in the SAME
   * transaction: a crash leaves both as they were, and the batch is derived again.
   *
   * A reopened alert is open again for whoever it is addressed to now: its acknowledgement is cleared and its
   * recipients are those of the new raise.
   */
  applyChanges(changes: readonly AlertChange[], at: string, checkpoint?: string): Promise<number>;
  /** Forgets the checkpoint, so the consumer reads the whole log again; the alerts stay. */
  resetCheckpoint(): Promise<void>;

  findAlert(alertId: string): Promise<StoredAlert | undefined>;
  /** One recipient's alerts, most recently raised first. */
  listAlerts(filter: { recipient: string; status: AlertStatusFilter; page: number; pageSize: number }): Promise<AlertPage>;
  /** Acknowledges once: a second acknowledgement keeps the first one's time and person. Undefined for an unknown id. */
  acknowledge(alertId: string, by: string, at: string): Promise<StoredAlert | undefined>;
  /** True when an alert for one of these recipients names the child (what lets a panel open that child's journey). */
  childNamedInAlertsFor(childId: string, recipients: readonly string[]): Promise<boolean>;

  /** Notices not in the delivery queue yet, oldest first, so a raise goes before its withdrawal. */
  unqueuedNotices(limit: number): Promise<AlertNotice[]>;
  findNotice(alertId: string, notice: NoticeKind, episode: number): Promise<AlertNotice | undefined>;
  /** Marks the notice queued and, once none of the alert's notices waits, the alert too. */
  markNoticeQueued(notice: Pick<AlertNotice, 'alertId' | 'notice' | 'episode'>, queuedAt: string): Promise<void>;
  isDelivered(key: DeliveryKey): Promise<boolean>;
  /** Records a delivery once; recording it again changes nothing. */
  recordDelivery(key: DeliveryKey, deliveredAt: string): Promise<void>;

  close(): Promise<void>;
}

/** The alert store cannot be reached or used now (PostgreSQL down, the SQLite file locked or closed); nothing was changed. */
export class AlertStoreUnavailableError extends Error {
  readonly code = 'ALERT_STORE_UNAVAILABLE';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The alert store is not available: ${detail}`, options);
    this.name = 'AlertStoreUnavailableError';
  }
}
