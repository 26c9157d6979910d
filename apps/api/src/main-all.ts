import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@sj/config';
import { listening, stopOnSignals } from '../../shared/src/graceful-shutdown';
import { runMain } from '../../shared/src/run-main';
import { createApiApp } from './bootstrap';

/** `npm start`: the API and the worker in one process, sharing one event store and one Redis. */
runMain('send-journeys', async () => {
  const config = loadConfig();
  // heard from the start: a SIGTERM while the stores and consumers start (a container stopped at once) still stops in order
  const starting = listening(createApiApp(config, { withWorker: true }), config.port);
  stopOnSignals(starting);
  await starting;
  new Logger('Bootstrap').log({ msg: 'api and worker running', port: config.port, eventStore: config.eventStore });
});
