import { loadConfig } from '@sj/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageHealth } from './storage-health';

describe('finding 3: /health hears of a store that cannot grow while the disk still takes a small file', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sj-storage-health-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finding 3: with a roomy disk and no store refusing, storage is ok', async () => {
    const health = new StorageHealth(loadConfig({ DATA_DIR: dataDir }));
    expect(await health.status()).toMatchObject({ status: 'ok' });
  });

  it('finding 3: after a store answered "unavailable" (a database at its size limit), storage is failing with that reason, though DATA_DIR can be written', async () => {
    const health = new StorageHealth(loadConfig({ DATA_DIR: dataDir }));
    health.noteFailure('EVENT_STORE_UNAVAILABLE');
    const status = await health.status();
    expect(status.status).toBe('failing');
    expect(status.reason).toMatch(/a store answered "unavailable" \(EVENT_STORE_UNAVAILABLE\): nothing can be recorded/);
    expect(status.since).toEqual(expect.any(String));
  });
});
