import 'reflect-metadata';
import { loadConfig } from '@sj/config';
import { stopOnSignals } from '../../shared/src/graceful-shutdown';
import { runMain } from '../../shared/src/run-main';
import { createWorkerContext } from './bootstrap';

runMain('send-journeys worker', async () => {
  stopOnSignals(await createWorkerContext(loadConfig()));
});
