import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeApiOperations } from './api-operations';
import { BEARER_SCHEME, refineOpenApiDocument } from './openapi-document';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/**
 * `/docs` (Swagger UI, its assets served by this app from swagger-ui-dist, no CDN) and `/docs-json`.
 * The document is built on first request, so start-up does not pay for it.
 */
export function setupOpenApi(app: INestApplication): void {
  describeApiOperations();
  const config = new DocumentBuilder()
    .setTitle('send-journeys')
    .setDescription(
      "Event-sourced case journeys for SEND services: record journey events, read a child's journey, managers' queries, the panel's inbox. " +
        'Errors are always { statusCode, error, message, details? }. See docs/event-catalogue.md and docs/clocks.md. ' +
        'Scripts and integrations send a bearer token (from the identity provider, or `npm run token` on the embedded default); ' +
        'the pages use a signed-in session instead. Choose "Authorize", paste a token, then "Try it out".',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a JSON Web Token naming sub, role(s) and areas (docs/security.md)' },
      BEARER_SCHEME,
    )
    .build();
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => refineOpenApiDocument(SwaggerModule.createDocument(app, config)), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: 'send-journeys API',
  });
}
