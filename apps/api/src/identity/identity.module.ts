import { Global, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, Clock, type AppConfig } from '@sj/config';
import { LocalSignIn, SessionManager, type IdentityStores } from '@sj/identity';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { openIdentityStores } from '../../../shared/src/storage';
import { OidcSignIn } from './oidc-sign-in';

export const IDENTITY_STORES = Symbol('IDENTITY_STORES');

const SWEEP_EVERY_MS = 10 * 60_000;

/** Closes the identity store at shutdown and sweeps ended sessions away every ten minutes. */
@Injectable()
class IdentityLifecycle implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(IDENTITY_STORES) private readonly stores: IdentityStores,
    private readonly sessions: SessionManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sessions.sweep(this.clock.now()).catch(() => undefined), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.stores.close();
  }
}

/**
 * Who people are: local accounts and sessions (@sj/identity's ports: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR),
 * password sign-in with lock-out, and the council's identity provider when OIDC_* are set.
 */
@Global()
@Module({
  providers: [
    {
      provide: IDENTITY_STORES,
      useFactory: (config: AppConfig, pool: MaybePool) => openIdentityStores(config, pool),
      inject: [APP_CONFIG, POSTGRES_POOL],
    },
    {
      provide: SessionManager,
      useFactory: (stores: IdentityStores, config: AppConfig) =>
        new SessionManager(stores.sessions, { idleMinutes: config.signIn.sessionIdleMinutes, absoluteHours: config.signIn.sessionAbsoluteHours }),
      inject: [IDENTITY_STORES, APP_CONFIG],
    },
    {
      provide: LocalSignIn,
      useFactory: (stores: IdentityStores, config: AppConfig) =>
        new LocalSignIn(stores.accounts, { maxAttempts: config.signIn.maxFailedAttempts, lockMinutes: config.signIn.lockoutMinutes }),
      inject: [IDENTITY_STORES, APP_CONFIG],
    },
    { provide: OidcSignIn, useFactory: (config: AppConfig) => new OidcSignIn(config), inject: [APP_CONFIG] },
    IdentityLifecycle,
  ],
  exports: [IDENTITY_STORES, SessionManager, LocalSignIn, OidcSignIn],
})
export class IdentityModule {}
