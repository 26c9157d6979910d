import { randomUUID } from 'node:crypto';
import { projectionLag } from '../../projection-lag';
import { ProjectionRunner } from '../../projection-runner';
import { ASHA_JOURNEY, BEN_JOURNEY } from '../asha-and-ben.fixture';
import { allProjections, createReadModelFixture, type ReadModelAdapterUnderTest, type ReadModelFixture } from '../read-model-fixture';

export function describeProjectionLag(adapter: ReadModelAdapterUnderTest): void {
  describe('projection lag as /health reports it', () => {
    let fx: ReadModelFixture;

    beforeEach(async () => {
      fx = await createReadModelFixture(adapter);
    });
    afterEach(async () => {
      await fx.cleanUp();
    });

    it('reads caught up once every journey event is projected, even when a stream that is not a journey was written after', async () => {
      await fx.record('asha', ...ASHA_JOURNEY);
      const readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();

      await fx.store.append('operator-notes', [{ eventId: randomUUID(), type: 'Noted', data: {}, metadata: {} }], 'no-stream');
      const lag = await projectionLag(fx.store, readModels);

      expect(lag.head).not.toBe(lag.checkpoint);
      expect(lag.caughtUp).toBe(true);
    });

    it('reads behind while a journey event waits to be projected, and caught up again once it is', async () => {
      await fx.record('asha', ...ASHA_JOURNEY);
      const readModels = await fx.openReadModels();
      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();

      await fx.record('ben', ...BEN_JOURNEY);
      expect((await projectionLag(fx.store, readModels)).caughtUp).toBe(false);

      await new ProjectionRunner(fx.store, readModels, allProjections()).catchUp();
      expect((await projectionLag(fx.store, readModels)).caughtUp).toBe(true);
    });

    it('reads caught up for an empty log, and behind before the first batch of a log that holds journeys', async () => {
      const readModels = await fx.openReadModels();
      expect(await projectionLag(fx.store, readModels)).toEqual({ checkpoint: null, head: null, lagEvents: 0, caughtUp: true });
      expect(await projectionLag(fx.store, undefined)).toEqual({ checkpoint: null, head: null, lagEvents: 0, caughtUp: true });

      await fx.record('asha', ...ASHA_JOURNEY);
      expect((await projectionLag(fx.store, readModels)).caughtUp).toBe(false);
    });
  });
}
