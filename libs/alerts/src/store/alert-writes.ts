import type { AlertChange, AlertDecision, AlertFacts, Recipient } from '../rules/alert-decision';
import type { AlertNotice } from './alert-store.port';

/** What a store knows of an alert before applying changes to it. */
export interface StoredAlertState {
  readonly episode: number;
  readonly withdrawn: boolean;
  readonly area: string;
  readonly recipients: readonly Recipient[];
  readonly facts: AlertFacts;
}

/** One row change a store makes, with the notice it puts in the outbox. */
export type AlertWrite =
  | { readonly kind: 'insert'; readonly decision: AlertDecision; readonly notice: AlertNotice }
  | { readonly kind: 'reopen'; readonly decision: AlertDecision; readonly notice: AlertNotice }
  | { readonly kind: 'withdraw'; readonly alertId: string; readonly reason: string; readonly notice: AlertNotice };

export function alertIdOf(change: AlertChange): string {
  return change.kind === 'raised' ? change.decision.alertId : change.alertId;
}

/**
 * How many of an alert's changes are stored: raises and withdrawals alternate, starting with a
 * raise, so episode n is 2n − 1 changes while open and 2n once withdrawn.
 */
function changesApplied(state: StoredAlertState | undefined): number {
  if (state === undefined) return 0;
  return 2 * state.episode - (state.withdrawn ? 0 : 1);
}

/**
 * The writes that bring each alert from what is stored (`stored`, by alert id) to the end of its life in
 * `changes`, in order. Pure, so every store applies the same rules; a store only carries the writes out.
 */
export function planAlertWrites(changes: readonly AlertChange[], stored: ReadonlyMap<string, StoredAlertState>, at: string): AlertWrite[] {
  const byAlert = new Map<string, AlertChange[]>();
  for (const change of changes) byAlert.set(alertIdOf(change), [...(byAlert.get(alertIdOf(change)) ?? []), change]);
  const writes: AlertWrite[] = [];
  for (const [alertId, lifetime] of byAlert) {
    let state = stored.get(alertId);
    for (const change of lifetime.slice(changesApplied(state))) {
      if (change.kind === 'raised') {
        const d = change.decision;
        const episode = state === undefined ? 1 : state.episode + 1;
        const notice: AlertNotice = {
          alertId,
          notice: 'raised',
          episode,
          area: d.area,
          recipients: d.recipients,
          facts: d.facts,
          reason: null,
          createdAt: at,
        };
        writes.push({ kind: state === undefined ? 'insert' : 'reopen', decision: d, notice });
        state = { episode, withdrawn: false, area: d.area, recipients: d.recipients, facts: d.facts };
      } else if (state !== undefined) {
        const notice: AlertNotice = {
          alertId,
          notice: 'withdrawn',
          episode: state.episode,
          area: state.area,
          recipients: state.recipients,
          facts: state.facts,
          reason: change.reason,
          createdAt: at,
        };
        writes.push({ kind: 'withdraw', alertId, reason: change.reason, notice });
        state = { ...state, withdrawn: true };
      }
    }
  }
  return writes;
}
