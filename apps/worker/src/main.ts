import 'reflect-metadata';
import { loadConfig } from '@sj/config';
import { stopOnSignals } from '../../shared/src/graceful-shutdown';
import { runMain } from '../../shared/src/run-main';
import { createWorkerContext } from './bootstrap';

runMain('send-journeys worker', async () => {
  // heard from the start: a SIGTERM while the consumers start (a container stopped at once) still stops in order
  const worker = createWorkerContext(loadConfig());
  stopOnSignals(worker.then((application) => ({ application })));
  await worker;
});
