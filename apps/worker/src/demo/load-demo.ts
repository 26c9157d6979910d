import { clockFor, loadConfig } from '@sj/config';
import { loadDemoCaseload } from '@sj/demo';
import { openEventStore } from '../../../shared/src/event-store.lifecycle';

export const DEMO_CHILDREN = 2000;
export const DEMO_SEED = 42;

/**
 * `npm run demo`: loads the seeded synthetic caseload into the configured event store when it is
 * empty (a store with any event is left alone), before the apps start and project it.
 */
export async function loadDemo(): Promise<void> {
  const config = loadConfig();
  const clock = clockFor(config);
  const store = await openEventStore(config);
  try {
    const result = await loadDemoCaseload(store, {
      seed: DEMO_SEED,
      children: DEMO_CHILDREN,
      today: clock.today(),
      recordedAt: () => clock.now(),
      progressEvery: 500,
      onProgress: (p) => process.stderr.write(`demo: ${p.children}/${p.totalChildren} children, ${p.events} events\n`),
    });
    process.stderr.write(
      result.loaded
        ? `demo: loaded ${result.children} synthetic children (${result.events} events)\n`
        : 'demo: the event store already holds events; the demo caseload is loaded only into an empty DATA_DIR\n',
    );
  } finally {
    await store.close();
  }
}
