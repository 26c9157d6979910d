import { createParamDecorator, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';
import { CORRELATION_HEADER, correlationIdFrom, requestContext } from '../../../shared/src/request-context';

export type RequestWithCorrelation = Request & { correlationId?: string };

/** Express middleware (first in the chain): pick or make the correlation id and echo it on every response. */
export function correlationMiddleware(req: RequestWithCorrelation, res: Response, next: NextFunction): void {
  const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  req.correlationId = correlationId;
  res.setHeader('X-Correlation-Id', correlationId);
  requestContext.run({ correlationId }, next);
}

/** Runs each handler inside the request's logging context (body parsing can lose the middleware's). */
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithCorrelation>();
    const correlationId = req.correlationId ?? correlationIdFrom(req.headers[CORRELATION_HEADER]);
    return new Observable((subscriber) => requestContext.run({ correlationId }, () => next.handle().subscribe(subscriber)));
  }
}

/** The request's correlation id (set by `correlationMiddleware`). */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<RequestWithCorrelation>();
  return req.correlationId ?? correlationIdFrom(req.headers[CORRELATION_HEADER]);
});
