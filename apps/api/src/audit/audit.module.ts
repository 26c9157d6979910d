import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import type { AuditLogStore } from '@sj/audit';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openAuditLog } from '../../../shared/src/storage';
import { AuditController } from './audit.controller';
import { AUDIT_LOG_STORE, AuditLog } from './audit-log';

@Injectable()
class AuditLogLifecycle implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_LOG_STORE) private readonly store: AuditLogStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}

/** The read audit log, available to every controller that answers with named children. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    { provide: AUDIT_LOG_STORE, useFactory: (config: AppConfig, pool: MaybePool) => openAuditLog(config, pool), inject: [APP_CONFIG, POSTGRES_POOL] },
    AuditLog,
    AuditLogLifecycle,
  ],
  exports: [AuditLog],
})
export class AuditModule {}
