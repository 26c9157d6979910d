import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './bench-row';

/**
 * Runs every `*.bench` module beside this file (compiled `.js` under dist, or `.ts` when run from source):
 * progress on stderr, the results as one table on stdout.
 */
async function main(): Promise<void> {
  const extension = __filename.endsWith('.ts') ? '.bench.ts' : '.bench.js';
  // BENCH_ONLY=load runs only load.bench (comma-separated names)
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter((name) => name.trim() !== '');
  const modules = readdirSync(__dirname)
    .filter((file) => file.endsWith(extension))
    .filter((file) => only.length === 0 || only.some((name) => file === `${name.trim()}${extension}`))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of modules) {
    process.stderr.write(`bench: ${file}\n`);
    const started = Date.now();
    const bench = (await import(join(__dirname, file))) as { run(): Promise<BenchRow[]> };
    rows.push(...(await bench.run()));
    process.stderr.write(`bench: ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  console.table(
    rows.map((row) => ({
      benchmark: row.benchmark,
      result: row.result,
      unit: row.unit,
      target: row.target ?? '',
      verdict: row.verdict ?? '',
      note: row.note ?? '',
    })),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
