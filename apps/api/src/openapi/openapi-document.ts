import type { OpenAPIObject } from '@nestjs/swagger';
import type { JourneyEventType } from '@sj/domain';
import { EVENT_DATA_CLASSES, TYPES_WITHOUT_DATA } from '../journey/dto/event-data.dto';
import { FIND_CHILD_OPERATION, FIND_CHILD_SCHEMAS } from './schemas/children.schema';

/** The security scheme `DocumentBuilder.addBearerAuth()` declares. */
export const BEARER_SCHEME = 'bearer';

const ERROR_BODY = { $ref: '#/components/schemas/ErrorBodySchema' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Operations anyone may call (the AuthGuard's `@Public()` routes that the document lists). */
const PUBLIC_OPERATIONS = new Set(['get /health']);

const UNAUTHORISED = {
  description:
    'No valid bearer token: details.code TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_CLAIMS_INVALID (SESSION_ENDED for a signed-in page whose session has ended)',
  content: { 'application/json': { schema: ERROR_BODY } },
};
const FORBIDDEN = {
  description:
    "The caller's role or areas do not allow this: details.code ROLE_NOT_ALLOWED, AREA_NOT_ALLOWED or RECIPIENT_NOT_ALLOWED (from the pages, also CROSS_SITE_REQUEST or CSRF_TOKEN_INVALID)",
  content: { 'application/json': { schema: ERROR_BODY } },
};

const TOO_MANY = {
  description: 'More than RATE_LIMIT_PER_MINUTE requests in a minute from this caller (or, unsigned, this address): wait for Retry-After seconds',
  content: { 'application/json': { schema: ERROR_BODY } },
};

/**
 * What the generated document needs beyond the decorators, for integrators and their tools: the server
 * the document is served from, bearer authentication on every operation but the public ones (so "Authorize"
 * then "Try it out" in /docs works) with its 401 and 403, the rate limit's 429, each parameter once, and the event body as one
 * variant per event type chosen by `type`, so every example validates against exactly one variant.
 */
export function refineOpenApiDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.servers = [{ url: '/', description: 'this server (the document is served by the API it describes)' }];
  doc.security = [{ [BEARER_SCHEME]: [] }];
  doc.paths['/children'] = { get: FIND_CHILD_OPERATION };
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...FIND_CHILD_SCHEMAS } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      if (operation.parameters !== undefined) {
        const seen = new Set<string>();
        operation.parameters = operation.parameters.filter((p) => {
          const key = '$ref' in p ? p.$ref : `${p.in} ${p.name}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      }
      operation.responses['429'] ??= TOO_MANY;
      if (PUBLIC_OPERATIONS.has(`${method} ${path}`)) {
        operation.security = [];
        continue;
      }
      operation.security = [{ [BEARER_SCHEME]: [] }];
      operation.responses['401'] ??= UNAUTHORISED;
      operation.responses['403'] ??= FORBIDDEN;
    }
  }
  describeEventVariants(doc);
  return doc;
}

function describeEventVariants(doc: OpenAPIObject): void {
  const schemas = doc.components?.schemas;
  const body = schemas?.RecordEventBody;
  if (schemas === undefined || body === undefined || '$ref' in body) return;
  const common = body.properties ?? {};
  const variants = (Object.entries(EVENT_DATA_CLASSES) as [JourneyEventType, { name: string }][]).map(([type, dataClass]) => {
    const name = `${type}Event`;
    schemas[name] = {
      type: 'object',
      description: `A ${type} event: its data is ${dataClass.name}.`,
      required: TYPES_WITHOUT_DATA.has(type) ? ['type', 'occurredOn'] : ['type', 'occurredOn', 'data'],
      properties: { ...common, type: { type: 'string', enum: [type] }, data: { $ref: `#/components/schemas/${dataClass.name}` } },
    };
    return [type, `#/components/schemas/${name}`] as const;
  });
  const data = body.properties?.data;
  if (data !== undefined && !('$ref' in data)) {
    delete data.oneOf;
    data.type = 'object';
  }
  body.oneOf = variants.map(([, ref]) => ({ $ref: ref }));
  body.discriminator = { propertyName: 'type', mapping: Object.fromEntries(variants) };
}
