import type { RebuildProgress } from './projection-runner';

export interface ProgressWriter {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A rebuild's progress on stderr: percent, events/s and ETA, redrawn in place on a terminal, one
 * plain line every few seconds otherwise (logs, CI). `now` is milliseconds (injected for tests).
 */
export function rebuildProgressReporter(
  out: ProgressWriter,
  now: () => number = Date.now,
): { update(p: RebuildProgress): void; done(total: number): void } {
  const started = now();
  let lastLine = 0;
  const line = (p: RebuildProgress): string => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = p.eventsProjected / seconds;
    const total = p.totalEvents;
    const percent = total ? Math.min(100, (p.eventsProjected / total) * 100) : undefined;
    const eta = total && rate > 0 ? Math.max(0, (total - p.eventsProjected) / rate) : undefined;
    return [
      'rebuild',
      percent !== undefined ? `${percent.toFixed(1).padStart(5)}%` : '',
      `${p.eventsProjected.toLocaleString('en-GB')}${total ? `/${total.toLocaleString('en-GB')}` : ''} events`,
      `${Math.round(rate).toLocaleString('en-GB')} events/s`,
      eta !== undefined ? `ETA ${formatSeconds(eta)}` : '',
    ]
      .filter(Boolean)
      .join('  ');
  };
  return {
    update: (p) => {
      const t = now();
      if (out.isTTY) {
        if (t - lastLine < 100) return;
        lastLine = t;
        out.write(`\r${line(p)}\u001b[K`);
      } else if (t - lastLine >= 5000) {
        lastLine = t;
        out.write(`${line(p)}\n`);
      }
    },
    done: (total) => {
      const seconds = (now() - started) / 1000;
      out.write(
        `${out.isTTY ? '\r\u001b[K' : ''}rebuild done: ${total.toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001)).toLocaleString('en-GB')} events/s)\n`,
      );
    },
  };
}

function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
