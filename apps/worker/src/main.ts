import 'reflect-metadata';
import { loadConfig } from '@sj/config';
import { runMain } from '../../shared/src/run-main';
import { createWorkerContext } from './bootstrap';

runMain('send-journeys worker', async () => {
  await createWorkerContext(loadConfig());
});
