import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** The sign-in and sign-out forms, the only routes that take an HTML form's body (they record no event). */
const FORM_ROUTES = new Set(['/sign-in', '/sign-out']);

/**
 * Express middleware: a request that carries a body must send it as JSON. Without this a form post
 * (`type=CaseClosed&data[reason]=...`) was parsed by the urlencoded parser and recorded like JSON.
 */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && req.method === 'POST' && FORM_ROUTES.has(req.path) && req.is('application/x-www-form-urlencoded') !== false) {
    next();
    return;
  }
  if (hasBody && req.is('application/json') !== 'application/json') {
    next(new UnsupportedMediaTypeException('Send the request body as JSON, with Content-Type: application/json.'));
    return;
  }
  next();
}
