import { expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite.event-store';
import { PersonalDataEventStore } from './personal-data.event-store';
import { childKeysFile, SqliteChildKeyStore } from './sqlite-child-key-store';

const registration = (eventId: string) => ({
  eventId,
  type: 'ChildRegistered',
  data: {
    occurredOn: '2025-01-06',
    data: { givenName: 'Ada', familyName: 'Lovelacey', dateOfBirth: '2016-10-14', nhsNumber: '9434765919', area: 'north', school: 'Oak' },
  },
  metadata: { recordedBy: 'cw-1' },
});

describe('personal data encrypted in front of the event store', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: PersonalDataEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-pd-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    store = new PersonalDataEventStore(new SqliteEventStore(join(dir, 'events.sqlite')), new SqliteChildKeyStore(childKeysFile(dir)));
  });
  afterEach(async () => {
    await raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores ciphertext plus the cohort year, and reads the plaintext back', async () => {
    await store.append('journey-c1', [registration('e1')], 'no-stream');
    const [stored] = await raw.readStream('journey-c1');
    expect(stored.data).toEqual({
      occurredOn: '2025-01-06',
      data: { area: 'north', school: 'Oak', cohortYear: 2016, encrypted: expect.objectContaining({ alg: 'A256GCM' }) },
    });
    expect(JSON.stringify(stored)).not.toContain('Lovelacey');
    const [read] = await store.readStream('journey-c1');
    expect(read.data).toEqual(registration('e1').data);
  });

  it('reads the event as erased once the key is destroyed, and refuses new personal data for that child', async () => {
    await store.append('journey-c1', [registration('e1')], 'no-stream');
    const keys = new SqliteChildKeyStore(childKeysFile(dir));
    await keys.destroy('c1', '2025-02-01T00:00:00.000Z');
    await keys.close();
    const [read] = await store.readStream('journey-c1');
    expect(read.data).toEqual({ occurredOn: '2025-01-06', data: { area: 'north', school: 'Oak', cohortYear: 2016, erased: true } });
    await expect(store.append('journey-c1', [registration('e2')], 0)).rejects.toMatchObject({ code: 'PERSONAL_DATA_ERASED' });
  });

  it('refuses ciphertext moved to another event (the AAD binds it to its stream and event id)', async () => {
    await store.append('journey-c1', [registration('e1')], 'no-stream');
    const [stored] = await raw.readStream('journey-c1');
    await raw.append('journey-c1', [{ eventId: 'e9', type: 'ChildRegistered', data: stored.data, metadata: {} }], 0);
    await expect(store.readStream('journey-c1')).rejects.toThrow(/authenticate/);
  });
});
