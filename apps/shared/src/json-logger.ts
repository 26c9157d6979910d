import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '@sj/config';
import { requestContext } from './request-context';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * Structured logs: one JSON object per line with `time`, `level`, `msg`, `context` and the
 * request's `correlationId` when known. Callers log ids and codes, never a child's personal data.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('info', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('error', message, optionalParams, true);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('warn', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('debug', message, optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('debug', message, optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.emit('error', message, optionalParams, true);
  }

  private emit(level: LogLevel, message: unknown, params: unknown[], isError = false): void {
    if (RANK[level] > RANK[this.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    let stack: string | undefined;
    let context: string | undefined;
    const rest = [...params];
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') context = rest.pop() as string;
    if (isError && rest.length > 0 && (typeof rest[0] === 'string' || rest[0] === undefined)) stack = rest.shift() as string | undefined;

    if (message instanceof Error) {
      entry.msg = message.message;
      stack ??= message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
      entry.msg ??= '';
    } else {
      entry.msg = String(message);
    }
    if (context !== undefined) entry.context = context;
    const correlationId = requestContext.getStore()?.correlationId;
    if (correlationId !== undefined && entry.correlationId === undefined) entry.correlationId = correlationId;
    for (const extra of rest) {
      if (extra instanceof Error) stack ??= extra.stack;
      else if (typeof extra === 'object' && extra !== null) Object.assign(entry, extra);
    }
    if (stack !== undefined) entry.stack = stack;
    this.write(`${JSON.stringify(entry)}\n`);
  }
}
