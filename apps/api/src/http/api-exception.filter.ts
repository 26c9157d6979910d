import { ArgumentsHost, Catch, HttpException, type ExceptionFilter, type LoggerService } from '@nestjs/common';
import { DomainError } from '@sj/domain';
import { AlertStoreUnavailableError } from '@sj/alerts';
import { AuditLogUnavailableError } from '@sj/audit';
import { ChildSearchUnavailableError, ReadModelStoreUnavailableError } from '@sj/read-models';
import {
  ChildKeyStoreUnavailableError,
  ConcurrencyError,
  DuplicateEventIdError,
  EventStoreUnavailableError,
  PersonalDataErasedError,
} from '@sj/event-store';
import { IdentityStoreUnavailableError, SigningSecretUnavailableError } from '@sj/identity';
import type { Response } from 'express';
import { requestContext } from '../../../shared/src/request-context';
import { AccessDeniedError, AuthenticationError } from '../auth/auth.errors';
import type { RequestWithCorrelation } from './correlation';
import { RequestValidationError } from './request-validation.error';

/** The body of every error answer. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly details?: unknown;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const reasonOf = (status: number): string => REASON[status] ?? (status < 500 ? 'Bad Request' : 'Internal Server Error');

/**
 * A store answered "unavailable": its disk is full, a lock was held too long, its server is down or out of space.
 * Every adapter turns its driver's failure into one of these, and the write (or the audit record a read of a named
 * child needs) was rolled back, so the answer can promise that nothing was recorded.
 */
const STORE_UNAVAILABLE: readonly (abstract new (...args: never[]) => Error & { readonly code: string })[] = [
  EventStoreUnavailableError,
  ChildKeyStoreUnavailableError,
  AuditLogUnavailableError,
  AlertStoreUnavailableError,
  ReadModelStoreUnavailableError,
  ChildSearchUnavailableError,
  IdentityStoreUnavailableError,
  SigningSecretUnavailableError,
];

function isStoreUnavailable(err: unknown): err is Error & { readonly code: string } {
  return STORE_UNAVAILABLE.some((type) => err instanceof type);
}

const STORE_UNAVAILABLE_MESSAGE =
  'This service cannot store anything right now (its storage is full or not answering), so nothing was recorded and nothing was changed. ' +
  'Try again in a few minutes; if this goes on, tell whoever runs the service.';

/** Seconds a client is asked to wait before trying again after a 503. */
const RETRY_AFTER_SECONDS = '30';

/** Told of every "store unavailable" answer, so /health can say storage is failing (StorageHealth). */
export interface StorageFailureListener {
  noteFailure(code: string): void;
}

/** Maps every error to an HTTP answer, once, for the whole API (ENGINEERING.md). */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof RequestValidationError) {
    return { statusCode: 400, error: reasonOf(400), message: err.message, details: err.details };
  }
  if (err instanceof AuthenticationError) {
    return { statusCode: 401, error: reasonOf(401), message: err.message, details: { code: err.code } };
  }
  if (err instanceof AccessDeniedError) {
    return { statusCode: 403, error: reasonOf(403), message: err.message, details: { code: err.code } };
  }
  if (err instanceof PersonalDataErasedError) {
    return { statusCode: 409, error: reasonOf(409), message: err.message, details: { code: err.code } };
  }
  if (err instanceof DomainError) {
    const status = err.kind === 'not-found' ? 404 : err.kind === 'rule-violation' ? 422 : 409;
    const details = err.kind === 'rule-violation' ? { rule: err.code, ...err.details } : { code: err.code, ...err.details };
    return { statusCode: status, error: reasonOf(status), message: err.message, details };
  }
  if (err instanceof ConcurrencyError) {
    return {
      statusCode: 409,
      error: reasonOf(409),
      message:
        "Other changes to this child's journey were being recorded at the same time and this event could not be applied. Reload the journey and try again.",
      details: { code: err.code },
    };
  }
  if (err instanceof DuplicateEventIdError) {
    return {
      statusCode: 409,
      error: reasonOf(409),
      message: `eventId ${err.eventId} is already used by another event. Send a new eventId (or none) for a new event.`,
      details: { code: err.code, field: 'eventId' },
    };
  }
  if (isStoreUnavailable(err)) {
    return { statusCode: 503, error: reasonOf(503), message: STORE_UNAVAILABLE_MESSAGE, details: { code: err.code } };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    let message = err.message;
    if (status === 429) {
      message = 'Too many requests: wait a minute and try again.';
    } else if (status === 404 && err.constructor.name === 'NotFoundException' && message.startsWith('Cannot ')) {
      message = `No such route: ${message.replace(/^Cannot /, '')}`;
    } else if (status === 400 && /JSON/i.test(message)) {
      message = `The request body is not valid JSON: ${message}`;
    } else if (typeof response === 'object' && 'message' in response) {
      const m = response.message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    return { statusCode: status, error: reasonOf(status), message: status >= 500 ? 'Something went wrong on our side.' : message };
  }
  // body-parser / http-errors style errors that say they are safe to expose (413, 415, bad charset, ...)
  const httpish = err as { status?: unknown; expose?: unknown; type?: unknown; code?: unknown; message?: unknown } | null | undefined;
  if (typeof httpish?.status === 'number' && httpish.status >= 400 && httpish.status < 500 && httpish.expose === true) {
    const status = httpish.status;
    const message =
      httpish.type === 'entity.too.large'
        ? 'The request body is too large (the limit is 100 kB).'
        : httpish.type === 'entity.parse.failed'
          ? `The request body is not valid JSON: ${String(httpish.message)}`
          : typeof httpish.code === 'string' && httpish.code.startsWith('Z_')
            ? 'The request body could not be decompressed: send it as its Content-Encoding says (gzip, deflate or br), or uncompressed.'
            : String(httpish.message);
    return { statusCode: status, error: reasonOf(status), message };
  }
  return { statusCode: 500, error: reasonOf(500), message: 'Something went wrong on our side. The problem has been logged.' };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: LoggerService,
    private readonly storage?: StorageFailureListener,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<RequestWithCorrelation>();
    const body = toErrorBody(err);
    const log = {
      msg: 'request failed',
      method: req.method,
      path: (req.route as { path?: string } | undefined)?.path ?? '(unmatched)',
      status: body.statusCode,
    };
    const correlationId = req.correlationId;
    const write = (): void => {
      if (body.statusCode >= 500) {
        this.logger.error({ ...log, error: err instanceof Error ? err.message : String(err) }, err instanceof Error ? err.stack : undefined, 'HTTP');
      } else if (body.statusCode !== 404 || log.path !== '(unmatched)') {
        this.logger.log({ ...log, code: (err as { code?: unknown }).code }, 'HTTP');
      }
    };
    if (correlationId !== undefined) requestContext.run({ correlationId }, write);
    else write();

    if (isStoreUnavailable(err)) this.storage?.noteFailure(err.code);
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    if (body.statusCode === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="send-journeys"');
    res.status(body.statusCode).json(body);
  }
}
