import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { AlertStore } from '@sj/alerts';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openAlertStore } from '../../../shared/src/storage';

/** Injection token of the API's alert store (`AlertStore` from @sj/alerts): the worker writes alerts; the API lists and acknowledges them. */
export const ALERT_STORE = Symbol('ALERT_STORE');

export const alertStoreProvider: Provider = {
  provide: ALERT_STORE,
  useFactory: (config: AppConfig, pool: MaybePool) => openAlertStore(config, pool),
  inject: [APP_CONFIG, POSTGRES_POOL],
};

@Injectable()
export class AlertStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ALERT_STORE) private readonly alerts: AlertStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.alerts.close();
  }
}
