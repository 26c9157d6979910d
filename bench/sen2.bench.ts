import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedDateClock, loadConfig } from '@sj/config';
import { sen2Problems } from '@sj/domain';
import { childKeysFile, PersonalDataEventStore, SqliteChildKeyStore, SqliteEventStore } from '@sj/event-store';
import { Sen2ReturnBuilder } from '../apps/api/src/returns/sen2-return.builder';
import { sen2CsvZip } from '../apps/api/src/returns/sen2-files/sen2-csv.writer';
import { sen2Xml } from '../apps/api/src/returns/sen2-files/sen2-xml.writer';
import type { BenchRow } from './bench-row';
import { generateLog } from './projections.bench';

/** The demo log's "today": after the census of the 2025 return (Thursday 15 January 2026). */
const TODAY = '2026-11-23';
const YEAR = 2025;

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

/**
 * The SEN2 return for 2025 over the demo log (BENCH_PROJECTION_EVENTS events, 1M by default), the way the API
 * builds it: every child's journey read through the event-store port behind the personal-data layer, projected
 * as of the census date, then written as XML and as the zip of module CSVs.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sj-bench-sen2-'));
  try {
    const eventsFile = join(dir, 'events.sqlite');
    await new SqliteEventStore(eventsFile).close();
    const log = generateLog(eventsFile);
    const store = new PersonalDataEventStore(new SqliteEventStore(eventsFile, { batchSize: 5000 }), new SqliteChildKeyStore(childKeysFile(dir)));
    const config = loadConfig({ DATA_DIR: dir, CLOCK_TODAY: TODAY, SEN2_LA_CODE: '933', LOG_LEVEL: 'error' });
    const builder = new Sen2ReturnBuilder(store, config, new FixedDateClock(TODAY));

    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const started = process.hrtime.bigint();
    const ret = await builder.returnFor(YEAR);
    const buildSeconds = seconds(started);
    const xmlStarted = process.hrtime.bigint();
    const xml = sen2Xml(ret);
    const xmlSeconds = seconds(xmlStarted);
    const zipStarted = process.hrtime.bigint();
    const zip = sen2CsvZip(ret);
    const zipSeconds = seconds(zipStarted);
    const problems = sen2Problems(ret).length;
    const totalSeconds = seconds(started);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    await store.close();

    const peakMiB = peakRss / 2 ** 20;
    const scale = `${log.events.toLocaleString('en-GB')} events, ${log.children.toLocaleString('en-GB')} children`;
    return [
      {
        benchmark: 'SEN2 return 2025 from the log (read, project, XML, CSV zip)',
        result: Number(totalSeconds.toFixed(1)),
        unit: 's',
        target: '< 30',
        verdict: totalSeconds < 30 ? 'pass' : 'fail',
        note: `${scale}; ${ret.persons.length.toLocaleString('en-GB')} children in the return, ${problems.toLocaleString('en-GB')} with problems; build ${buildSeconds.toFixed(1)} s, XML ${xmlSeconds.toFixed(1)} s (${Math.round(xml.length / 2 ** 20)} MiB), zip ${zipSeconds.toFixed(1)} s (${Math.round(zip.length / 2 ** 20)} MiB)`,
      },
      {
        benchmark: 'SEN2 return peak RSS',
        result: Math.round(peakMiB),
        unit: 'MiB',
        target: '< 1024',
        verdict: peakMiB < 1024 ? 'pass' : 'fail',
        note: `whole bench process, sampled every 50 ms; ${Math.round(rssBefore / 2 ** 20)} MiB before the build`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
