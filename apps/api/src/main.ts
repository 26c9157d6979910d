import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@sj/config';
import { listening, stopOnSignals } from '../../shared/src/graceful-shutdown';
import { runMain } from '../../shared/src/run-main';
import { createApiApp } from './bootstrap';

/** `npm run start:api`: the HTTP API alone (several may run beside one worker). */
runMain('send-journeys api', async () => {
  const config = loadConfig();
  // heard from the start: a SIGTERM while the stores and consumers start (a container stopped at once) still stops in order
  const starting = listening(createApiApp(config), config.port);
  stopOnSignals(starting);
  await starting;
  new Logger('Bootstrap').log({ msg: 'api listening', port: config.port, eventStore: config.eventStore });
});
