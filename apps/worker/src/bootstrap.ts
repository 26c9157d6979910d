import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@sj/config';
import { JsonLogger } from '../../shared/src/json-logger';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP); its entry point closes it on SIGTERM/SIGINT (stopOnSignals). */
export async function createWorkerContext(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { logger: new JsonLogger(config.logLevel) });
  return app;
}
