import { ConfigError } from '@sj/config';

/**
 * Runs a process entry point: a start-up failure (bad configuration, Redis refused, ...) prints one
 * clear message and exits 1 instead of a stack trace.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: `${name} failed to start`, context: 'Bootstrap', error: message })}\n`,
    );
    process.stderr.write(`\n${name} failed to start: ${message}\n`);
    if (!(err instanceof ConfigError) && err instanceof Error && process.env.LOG_LEVEL === 'debug') process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  });
}
