import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@sj/config';
import { JsonLogger } from '../../shared/src/json-logger';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { correlationMiddleware, RequestContextInterceptor } from './http/correlation';

/**
 * Builds the HTTP application (not yet listening): JSON logs, correlation ids, one exception
 * filter for every error, graceful shutdown. Used by both entry points and the e2e tests.
 */
export async function createApiApp(config: AppConfig, options: ApiModuleOptions = {}): Promise<NestExpressApplication> {
  const logger = new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register(config, options), { logger });
  app.disable('x-powered-by');
  app.use(correlationMiddleware);
  app.useBodyParser('json', { limit: '100kb' });
  app.useGlobalFilters(new ApiExceptionFilter(logger));
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.enableShutdownHooks();
  return app;
}
