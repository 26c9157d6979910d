import { applyDecorators } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AlertsController } from '../alerts/alerts.controller';
import { ListAlertsQuery } from '../alerts/list-alerts.query';
import { HealthController } from '../health/health.controller';
import { EVENT_DATA_CLASSES } from '../journey/dto/event-data.dto';
import { RecordEventBody } from '../journey/dto/record-event.dto';
import { JourneyController } from '../journey/journey.controller';
import { ManagersController } from '../managers/managers.controller';
import { ReturnsController } from '../returns/returns.controller';
import { AlertPageSchema, AlertSchema } from './schemas/alerts.schema';
import { ErrorBodySchema, HealthSchema, RecordedEventSchema } from './schemas/common.schema';
import { JourneySchema } from './schemas/journey.schema';
import { NextStepsSchema } from './schemas/next-steps.schema';
import { ClocksPageSchema, SuspensionsSchema, TimelinessSchema, WaitingTimesSchema, WaitingTrendSchema } from './schemas/managers.schema';
import { Sen2ProblemsPageSchema, Sen2SummarySchema } from './schemas/returns.schema';
import { EVENT_EXAMPLES } from './event-examples';

/*
 * The OpenAPI description of each route, kept beside the schemas rather than on the controllers: the
 * controllers stay about behaviour (and other changes, such as sign-in guards, touch them often). The
 * request schemas still come from the DTOs and field rules that validate requests.
 */

type Controller = abstract new (...args: never[]) => object;

function describe(controller: Controller, method: string, ...decorators: MethodDecorator[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, method);
  if (descriptor === undefined) throw new Error(`OpenAPI: ${controller.name}.${method} does not exist`);
  applyDecorators(...decorators)(controller.prototype, method, descriptor);
}

const errors = {
  400: ApiBadRequestResponse({ type: ErrorBodySchema, description: 'malformed input: details names every bad field' }),
  404: ApiNotFoundResponse({ type: ErrorBodySchema }),
  409: ApiConflictResponse({
    type: ErrorBodySchema,
    description: 'a concurrent write won and the retry could not apply, or the eventId is used by another event',
  }),
  422: ApiUnprocessableEntityResponse({ type: ErrorBodySchema, description: 'an order rule refused the event: details.rule names it' }),
  503: ApiServiceUnavailableResponse({
    type: ErrorBodySchema,
    description: 'a store is not available (a full disk, a server down); nothing was recorded',
  }),
};

const asOf = ApiQuery({
  name: 'asOf',
  required: false,
  schema: { type: 'string', format: 'date' },
  description: 'the day to answer for (default today)',
});
const csv = ApiProduces('application/json', 'text/csv');

let described = false;

/** Adds the OpenAPI metadata to every controller, once per process (the decorators write class metadata). */
export function describeApiOperations(): void {
  if (described) return;
  described = true;

  ApiTags('journeys')(JourneyController);
  describe(
    JourneyController,
    'record',
    ApiOperation({
      summary: 'Record one journey event',
      description: 'Safe to retry with the same eventId. One example per event type below (docs/domain-rules.md §3).',
    }),
    ApiParam({ name: 'childId', description: '1–64 letters, digits, - or _', example: 'child-0001' }),
    ApiExtraModels(RecordEventBody, ...new Set(Object.values(EVENT_DATA_CLASSES))),
    ApiBody({ schema: { $ref: getSchemaPath(RecordEventBody) }, examples: EVENT_EXAMPLES }),
    ApiCreatedResponse({ type: RecordedEventSchema }),
    errors[400],
    errors[404],
    errors[409],
    errors[422],
    errors[503],
  );
  describe(
    JourneyController,
    'journey',
    ApiOperation({ summary: "A child's journey as of a date: events, stages, clocks, waiting times, suspensions" }),
    ApiParam({ name: 'childId', example: 'child-0001' }),
    asOf,
    ApiOkResponse({ type: JourneySchema }),
    errors[400],
    errors[404],
  );
  describe(
    JourneyController,
    'nextSteps',
    ApiOperation({ summary: 'The event types the order rules accept on a date, with the recorded ids each may be recorded for' }),
    ApiParam({ name: 'childId', example: 'child-0001' }),
    asOf,
    ApiOkResponse({ type: NextStepsSchema }),
    errors[400],
    errors[404],
  );

  ApiTags('managers')(ManagersController);
  describe(
    ManagersController,
    'clocks',
    ApiOperation({ summary: 'Statutory and waiting clocks, most overdue first' }),
    csv,
    ApiOkResponse({ type: ClocksPageSchema }),
    errors[400],
  );
  describe(
    ManagersController,
    'waitingTimes',
    ApiOperation({ summary: 'Waiting times: summary per area, monthly trend and the waiting list' }),
    csv,
    ApiOkResponse({ type: WaitingTimesSchema }),
    errors[400],
  );
  describe(
    ManagersController,
    'waitingTrend',
    ApiOperation({ summary: 'Waiting times month by month: who was waiting at each month end, who was first seen in it' }),
    ApiOkResponse({ type: WaitingTrendSchema }),
    errors[400],
  );
  describe(
    ManagersController,
    'suspensions',
    ApiOperation({ summary: 'Suspensions per child in a school year, with term and year limits and triggers' }),
    csv,
    ApiOkResponse({ type: SuspensionsSchema }),
    errors[400],
  );
  describe(
    ManagersController,
    'timeliness',
    ApiOperation({ summary: 'New EHC plans issued within 20 weeks, by month, with and without exceptions' }),
    csv,
    ApiOkResponse({ type: TimelinessSchema }),
    errors[400],
  );

  ApiTags('returns')(ReturnsController);
  describe(
    ReturnsController,
    'file',
    ApiOperation({ summary: 'The DfE SEN2 person-level return for a calendar year, from the log as of the census date (docs/sen2.md)' }),
    ApiProduces('application/xml', 'application/zip'),
    ApiOkResponse({ description: 'xml: the file DfE collects; csv: a zip of one CSV per module', schema: { type: 'string', format: 'binary' } }),
    errors[400],
  );
  describe(
    ReturnsController,
    'problems',
    ApiOperation({ summary: 'What DfE would reject or query in the return, child by child, with a link to the journey' }),
    ApiOkResponse({ type: Sen2ProblemsPageSchema }),
    errors[400],
  );
  describe(
    ReturnsController,
    'summary',
    ApiOperation({ summary: "Module counts beside last year's, the headline figures, the problems counted; 202 with progress while it is built" }),
    ApiOkResponse({ type: Sen2SummarySchema }),
    ApiAcceptedResponse({ type: Sen2SummarySchema, description: 'the return is still being built: progress says how far; ask again' }),
    errors[400],
  );

  ApiTags('alerts')(AlertsController);
  // the handler validates the raw query itself, so the DTO is named here for the parameters it documents
  describe(
    AlertsController,
    'list',
    ApiOperation({ summary: "One recipient's alerts, newest first" }),
    ApiQuery({ type: ListAlertsQuery }),
    ApiOkResponse({ type: AlertPageSchema }),
    errors[400],
  );
  describe(
    AlertsController,
    'acknowledge',
    ApiOperation({ summary: 'Acknowledge an alert (again keeps the first acknowledgement)' }),
    ApiParam({ name: 'alertId', example: 'aid:demo-000042:2024' }),
    ApiOkResponse({ type: AlertSchema }),
    errors[400],
    errors[404],
  );

  ApiTags('operations')(HealthController);
  describe(
    HealthController,
    'health',
    ApiOperation({ summary: 'Event store, Redis, projection lag and queue depth' }),
    ApiOkResponse({
      type: HealthSchema,
      description: 'ok, or degraded while Redis is down, storage refuses writes or alerts cannot leave the inbox',
    }),
    ApiServiceUnavailableResponse({ type: HealthSchema, description: 'the event store is down' }),
  );
}
