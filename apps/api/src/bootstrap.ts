import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@sj/config';
import helmet from 'helmet';
import { JsonLogger } from '../../shared/src/json-logger';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { StorageHealth } from './health/storage-health';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { correlationMiddleware, RequestContextInterceptor } from './http/correlation';
import { jsonBodiesOnly } from './http/json-bodies-only';
import { UntrustedInputPipe } from './http/untrusted-input.pipe';
import { setupOpenApi } from './openapi/openapi.setup';

/**
 * Builds the HTTP application (not yet listening): JSON logs, correlation ids, security headers, CORS
 * only for listed origins, bodies in JSON only, every body and query string checked for prototype keys before
 * any DTO sees it, one exception filter for every error, OpenAPI at /docs. The entry points stop it on SIGTERM/SIGINT
 * (stopOnSignals: the requests in hand are answered before the stores close).
 * Sign-in, roles and rate limits are global guards (AuthModule). Used by both entry points and the e2e tests.
 */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<NestExpressApplication> {
  const logger = new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config, options), { logger });
  app.disable('x-powered-by');
  app.use(correlationMiddleware);
  // helmet's default CSP (default-src 'self', no inline scripts) fits the static pages and /docs
  app.use(helmet());
  // closed unless origins are listed: the pages are served from this origin and need no CORS
  if (config.corsOrigins.length > 0)
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Correlation-Id'],
      exposedHeaders: ['X-Correlation-Id'],
    });
  app.use(jsonBodiesOnly);
  app.useBodyParser('json', { limit: '100kb' });
  app.useGlobalFilters(new ApiExceptionFilter(logger, app.get(StorageHealth)));
  app.useGlobalPipes(new UntrustedInputPipe());
  app.useGlobalInterceptors(new RequestContextInterceptor());
  setupOpenApi(app);
  return app;
}
