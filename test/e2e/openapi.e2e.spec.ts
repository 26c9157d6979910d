import { expect } from '@jest/globals';
import type { JourneyEventType } from '@sj/domain';
import { EVENT_EXAMPLES } from '../../apps/api/src/openapi/event-examples';
import { defined } from '../support/defined';
import { recordEvent, request, type ErrorBody } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

/** The parts of the OpenAPI document these tests read; any path, method, media type or schema may be absent. */
interface Operation {
  parameters?: { name: string; in: string; schema?: object }[];
  requestBody?: { content: Partial<Record<string, { schema?: object; examples?: Record<string, { value: { type: string } }> }>> };
  responses: Record<string, { content?: Partial<Record<string, { schema?: object }>> }>;
}
interface OpenApiDocument {
  paths: Partial<Record<string, Partial<Record<string, Operation>>>>;
  components: { schemas: Partial<Record<string, { properties?: Record<string, unknown> }>> };
}

/** Routes the app answers, read from Express's router: `METHOD /path/{param}`, less the pages and their forms. */
function routesOf(app: TestApp): string[] {
  const express = app.nest.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  return express.router.stack
    .flatMap(({ route }) => (route ? Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`) : []))
    .filter(
      (route) =>
        !/ \/(docs|dashboard|inbox|caseload|sign-in|sign-out|signed-out|assets)\b| \/$|^GET \/children\/\{childId\}$|^(GET|POST) \/children\/(new|\{childId\}\/(record|void)\/)/.test(
          route,
        ),
    );
}

// Examples are dated up to 2026; "today" is after all of them so none is refused as being in the future.
const TODAY = '2026-12-31';

describe('OpenAPI at /docs-json, generated from the validating DTOs', () => {
  let app: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    app = await startTestApp({ clockToday: TODAY });
    const res = await request<OpenApiDocument>(app.baseUrl, 'GET', '/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => app.close());

  it('lists every route of the app with its parameters and a response schema', () => {
    const routes = routesOf(app);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /children/{childId}/events', 'GET /clocks', 'GET /alerts', 'POST /alerts/{alertId}/acknowledge', 'GET /health']),
    );
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const operation = defined(doc.paths[path]?.[method.toLowerCase()], `${route} in the document`);
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      // a file route (the SEN2 return: XML or zip) documents its own content types instead of JSON
      const content = success?.[1].content ?? {};
      expect({ route, schema: (content['application/json'] ?? Object.values(content)[0])?.schema !== undefined }).toEqual({ route, schema: true });
      for (const param of (path.match(/\{(\w+)\}/g) ?? []).map((p) => p.slice(1, -1))) {
        expect({ route, param, documented: operation.parameters?.some((p) => p.in === 'path' && p.name === param) }).toEqual({
          route,
          param,
          documented: true,
        });
      }
    }
  });

  it("describes the managers' and inbox query parameters from their DTOs", () => {
    const names = (path: string) =>
      defined(doc.paths[path]?.get?.parameters, `the parameters of GET ${path}`)
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
    expect(names('/clocks')).toEqual(
      expect.arrayContaining(['area', 'school', 'caseworker', 'asOf', 'format', 'page', 'pageSize', 'status', 'clock']),
    );
    expect(names('/suspensions')).toEqual(expect.arrayContaining(['schoolYear', 'triggered']));
    expect(names('/alerts')).toEqual(expect.arrayContaining(['recipient', 'status', 'page', 'pageSize']));
  });

  it('gives the event body schema from the field rules, and one example per event type', () => {
    const body = defined(
      doc.paths['/children/{childId}/events']?.post?.requestBody?.content['application/json'],
      'the JSON body of POST /children/{childId}/events',
    );
    expect(body.schema).toEqual({ $ref: '#/components/schemas/RecordEventBody' });
    expect(Object.keys(defined(doc.components.schemas.RecordEventBody?.properties, 'the properties of RecordEventBody'))).toEqual([
      'type',
      'occurredOn',
      'data',
      'eventId',
    ]);
    expect(doc.components.schemas.SuspensionRecordedData?.properties).toMatchObject({
      schoolDays: { type: 'number', minimum: 0.5, maximum: 45, multipleOf: 0.5 },
      reason: { type: 'string', enum: expect.arrayContaining(['persistent-disruptive-behaviour']) },
    });
    const exampleTypes = Object.values(defined(body.examples, 'the examples of the event body'))
      .map((e) => e.value.type)
      .sort();
    expect(exampleTypes).toEqual((Object.keys(EVENT_EXAMPLES) as JourneyEventType[]).sort());
  });

  it.each(Object.entries(EVENT_EXAMPLES))('the %s example passes request validation', async (type, example) => {
    // a child no one registered: a well-formed body reaches the order rules (404), a malformed one stops at 400
    const res = await recordEvent<Partial<ErrorBody>>(app.baseUrl, `openapi-${type}`, example.value);
    expect({ status: res.status, details: res.body.details }).toEqual({
      status: type === 'ChildRegistered' ? 201 : 404,
      details: type === 'ChildRegistered' ? undefined : expect.anything(),
    });
  });

  it('the examples, recorded in date order for one child, tell a journey the order rules accept', async () => {
    const inDateOrder = Object.values(EVENT_EXAMPLES)
      .map((example) => example.value)
      .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
    for (const event of inDateOrder) {
      const res = await recordEvent(app.baseUrl, 'openapi-story', event);
      expect({ type: event.type, occurredOn: event.occurredOn, status: res.status, refusal: res.status === 201 ? undefined : res.body }).toEqual({
        type: event.type,
        occurredOn: event.occurredOn,
        status: 201,
        refusal: undefined,
      });
    }
  });

  it('serves Swagger UI and its assets from the app itself', async () => {
    const page = await request<string>(app.baseUrl, 'GET', '/docs');
    expect(page.status).toBe(200);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^https?:/);
      // relative to the page at /docs (no trailing slash), as the browser resolves them
      const url = new URL(asset, `${app.baseUrl}/docs`);
      expect({ asset, status: (await fetch(url)).status }).toEqual({ asset, status: 200 });
    }
  });
});
