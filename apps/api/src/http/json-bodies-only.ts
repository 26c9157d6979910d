import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** The sign-in and sign-out forms, the only routes that take an HTML form's body besides the recording forms below. */
const FORM_ROUTES = new Set(['/sign-in', '/sign-out']);

/**
 * The pages' recording forms (apps/api/src/web/forms): each checks its session's CSRF token and turns the form
 * into the API's JSON request itself, so `POST /children/{childId}/events` still takes JSON only.
 */
const RECORDING_FORMS = /^\/children\/(new|[A-Za-z0-9_-]{1,64}\/(record\/[A-Za-z]{1,64}|void\/[^/]{1,100}))$/;

/**
 * Express middleware: a request that carries a body must send it as JSON. Without this a form post
 * (`type=CaseClosed&data[reason]=...`) was parsed by the urlencoded parser and recorded like JSON.
 */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (
    hasBody &&
    req.method === 'POST' &&
    (FORM_ROUTES.has(req.path) || RECORDING_FORMS.test(req.path)) &&
    req.is('application/x-www-form-urlencoded') !== false
  ) {
    next();
    return;
  }
  if (hasBody && req.is('application/json') !== 'application/json') {
    next(new UnsupportedMediaTypeException('Send the request body as JSON, with Content-Type: application/json.'));
    return;
  }
  next();
}
