import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@sj/config';
import { HttpConnections, stopOnSignals } from '../../shared/src/graceful-shutdown';
import { runMain } from '../../shared/src/run-main';
import { createApiApp } from './bootstrap';

/** `npm start`: the API and the worker in one process, sharing one event store and one Redis. */
runMain('send-journeys', async () => {
  const config = loadConfig();
  const app = await createApiApp(config, { withWorker: true });
  stopOnSignals(app, new HttpConnections(app.getHttpServer()));
  await app.listen(config.port);
  new Logger('Bootstrap').log({ msg: 'api and worker running', port: config.port, eventStore: config.eventStore });
});
