import { Inject, Injectable } from '@nestjs/common';
import type { AlertStore } from '@sj/alerts';
import { ALERT_STORE } from '../alerts/alert-store.provider';
import { hasRole, mayAccessArea, type Caller } from './caller';

/**
 * Whose journeys a caller may open (UK GDPR Art. 5(1)(f), Art. 9: need to know). Caseworkers and managers:
 * children in their areas. The inclusion panel: children named by an alert to `panel:<one of its areas>`.
 * Admins: everyone. A refusal is answered as "not registered", so whether a child exists does not leak.
 */
@Injectable()
export class ChildAccessPolicy {
  constructor(@Inject(ALERT_STORE) private readonly alerts: AlertStore) {}

  async mayRead(caller: Caller, childId: string, area: string): Promise<boolean> {
    if (hasRole(caller, 'admin')) return true;
    if (hasRole(caller, 'caseworker', 'manager') && mayAccessArea(caller, area)) return true;
    if (hasRole(caller, 'panel') && caller.areas !== 'all') {
      return this.alerts.childNamedInAlertsFor(
        childId,
        caller.areas.map((a) => `panel:${a}`),
      );
    }
    return false;
  }

  /** Recording is for caseworkers (and admins), only in their areas. */
  mayWrite(caller: Caller, area: string): boolean {
    return hasRole(caller, 'admin') || (hasRole(caller, 'caseworker') && mayAccessArea(caller, area));
  }
}
