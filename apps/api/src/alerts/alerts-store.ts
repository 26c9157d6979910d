import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { alertsDatabaseFile, openAlertsDatabase, type AlertsDb } from '@sj/alerts';

/** The API's handle on `<DATA_DIR>/alerts.sqlite` (the worker writes alerts; the API lists and acknowledges them). */
@Injectable()
export class AlertsStore implements OnApplicationShutdown {
  readonly db: AlertsDb;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.db = openAlertsDatabase(alertsDatabaseFile(config.dataDir));
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
