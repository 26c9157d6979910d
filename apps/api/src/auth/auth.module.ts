import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@sj/config';
import { openLocalSigningSecret } from '../../../shared/src/storage';
import { POSTGRES_POOL, type MaybePool } from '../../../shared/src/postgres-pool';
import { IdentityModule } from '../identity/identity.module';
import { AuthGuard } from './auth.guard';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { CallerThrottlerStorage } from './caller-throttler.storage';
import { LOCAL_SIGNING_SECRET } from './local-signing-secret';
import { createTokenVerifier, TOKEN_VERIFIER } from './token-verifier';

/**
 * Sign-in and rate limiting for every route, registered once: the AuthGuard first (who is calling, by
 * bearer token or session, and may their role call this), then the rate limit keyed on who they are.
 */
@Module({
  imports: [
    IdentityModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      // named `default` so the 429 carries a plain Retry-After header
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
        storage: new CallerThrottlerStorage(),
      }),
    }),
  ],
  providers: [
    {
      provide: LOCAL_SIGNING_SECRET,
      useFactory: (config: AppConfig, pool: MaybePool) => openLocalSigningSecret(config, pool),
      inject: [APP_CONFIG, POSTGRES_POOL],
    },
    { provide: TOKEN_VERIFIER, useFactory: createTokenVerifier, inject: [APP_CONFIG, LOCAL_SIGNING_SECRET] },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
  ],
  exports: [TOKEN_VERIFIER],
})
export class AuthModule {}
