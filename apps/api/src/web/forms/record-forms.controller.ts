import { randomBytes, randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Clock, clockConfigOf, inclusionConfigOf, type AppConfig } from '@sj/config';
import { decide, DomainError, evolve, foldJourney, type JourneyEvent, type JourneyState, type NextStep, type RecordedJourneyEvent } from '@sj/domain';
import { ConcurrencyError, journeyStreamId } from '@sj/event-store';
import type { IdentityStores, Session } from '@sj/identity';
import type { Response } from 'express';
import { AuditLog } from '../../audit/audit-log';
import { Public } from '../../auth/auth.decorators';
import { AccessDeniedError } from '../../auth/auth.errors';
import { sameToken } from '../../auth/auth.guard';
import { ChildAccessPolicy } from '../../auth/child-access.policy';
import { crossSiteReason } from '../../auth/same-origin';
import type { RequestWithCorrelation } from '../../http/correlation';
import { RequestValidationError } from '../../http/request-validation.error';
import { IDENTITY_STORES } from '../../identity/identity.module';
import { ChildIdPipe } from '../../journey/dto/path-params.pipe';
import { RecordEventPipe, type ValidatedEventRequest } from '../../journey/dto/record-event.pipe';
import { GetNextStepsQuery, type NextStepsResponse } from '../../journey/get-next-steps.query';
import { buildJourneyResponse, type JourneyRules } from '../../journey/journey-response';
import { JourneyStateCache } from '../../journey/journey-state-cache';
import { RecordJourneyEventCommand } from '../../journey/record-journey-event.command';
import { PageSession } from '../page-session';
import { mayOpen, personOf } from '../person';
import { renderForbidden } from '../sign-in.page';
import { PAGE_CSP } from '../web-assets';
import { longDate } from '../words';
import { EVENT_FORMS, formOf, type EventForm, type FormField } from './event-forms';
import { eventWords, inWords } from './event-words';
import { errorFromRefusal, errorsFromProblems, inputIdOf, questionsOf, valuesFrom, type FieldError, type FormValues } from './form-values';
import { currentDetailsValues, keyOptionsFor, requestBodyFor, valuesOfData, voidChanges } from './journey-words';
import { recordPath } from './next-step-links';
import { answerInWords, renderCheckAnswers, renderEventForm, renderNotPossible, renderVoidPage, type FormPage } from './record-forms.page';

/** The child's id on the registration form: suggested, or the council's own. */
const CHILD_ID_FIELD: FormField = {
  name: 'childId',
  label: 'Child id',
  hint: 'The reference send-journeys files the child under: 1 to 64 letters, digits, "-" or "_". Keep the one suggested, or use your council’s own.',
  ask: { kind: 'new-id', prefix: 'child' },
};
const RECORDERS = ['caseworker', 'admin'] as const;
const REFUSAL = 'Recording and correcting a journey is for caseworkers (and administrators) of the child’s area.';

interface ChildContext {
  readonly session: Session;
  readonly childId: string;
  /** The journey as recorded now; `state.events` is every event in stream order. */
  readonly state: JourneyState;
  readonly caption: string;
}

type FormBody = Readonly<Record<string, unknown>>;

/**
 * The forms a caseworker records a journey with, server-rendered so they work without JavaScript: one form per
 * event type (`/children/{childId}/record/{eventType}`), a check-your-answers page, registration
 * (`/children/new`) and voiding (`/children/{childId}/void/{eventId}`). Answers go through the API's own path
 * (its request DTO, then `RecordJourneyEventCommand` and the domain's order rules), so a form refuses exactly
 * what the API refuses, with its messages against the fields; the event id is fixed when the form is first
 * shown, so a second press of "Record" records nothing more.
 */
@ApiExcludeController()
@Public() // each page checks the session (and a posted form its CSRF token) itself, to answer with a page
@Controller()
export class RecordFormsController {
  private readonly rules: JourneyRules;
  private readonly validate: RecordEventPipe;

  constructor(
    private readonly sessions: PageSession,
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly access: ChildAccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly journeys: JourneyStateCache,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(IDENTITY_STORES) private readonly identity: IdentityStores,
  ) {
    this.rules = { clocks: clockConfigOf(config), inclusion: inclusionConfigOf(config) };
    this.validate = new RecordEventPipe(clock);
  }

  @Get('children/new')
  async registerForm(@Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const session = await this.recorder(req, res);
    if (session === undefined) return;
    const values: FormValues = {
      eventId: randomUUID(),
      childId: suggestedId('child'),
      ...(session.roles.includes('caseworker') ? { caseworker: session.sub } : {}),
      ...(session.areas !== 'all' && session.areas.length === 1 ? { area: session.areas[0] ?? '' } : {}),
    };
    this.send(res, 200, renderEventForm(this.registerPage(session, values, [])));
  }

  @Post('children/new')
  async register(@Body() body: FormBody, @Req() req: RequestWithCorrelation, @Res() res: Response): Promise<void> {
    const session = await this.recorder(req, res, body);
    if (session === undefined) return;
    const form = EVENT_FORMS.ChildRegistered;
    const values = valuesFrom(form, body);
    const change = changeOf(body, [CHILD_ID_FIELD, ...questionsOf(form)]);
    if (change !== undefined) {
      this.send(res, 200, renderEventForm({ ...this.registerPage(session, values, []), focus: change }));
      return;
    }
    const childId = (values.childId ?? '').trim();
    let problem: FieldError | undefined;
    try {
      new ChildIdPipe().transform(childId);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      problem = {
        field: 'childId',
        href: '#childId',
        text: childId === '' ? 'Enter a child id' : error.details.map((d) => d.message.replace(/^childId/, 'Child id')).join('; '),
      };
    }
    const state = problem === undefined ? await this.stateOf(childId) : null;
    if (state?.child != null && !this.access.mayWrite(session, state.child.area)) {
      // another area's child: whether it exists is not said, as the API answers
      problem = { field: 'childId', href: '#childId', text: 'This child id cannot be used. Choose another.' };
    }
    const checked = this.check(form, values, childId, state ?? foldJourney([]));
    // the id's own problem says it all: the registration's refusal of that id would repeat it (or say more than it may)
    const refusals = 'errors' in checked ? checked.errors.filter((e) => e.field !== problem?.field) : [];
    const errors = [...(problem ? [problem] : []), ...refusals];
    if (errors.length > 0 || !('event' in checked)) {
      this.send(res, 'errors' in checked ? checked.status : 400, renderEventForm(this.registerPage(session, values, errors)));
      return;
    }
    if (body.step !== 'record') {
      this.send(res, 200, renderCheckAnswers(this.registerPage(session, values, [])));
      return;
    }
    const recorded = await this.record(form, childId, checked.event, session, req);
    if ('errors' in recorded) {
      this.send(res, recorded.status, renderEventForm(this.registerPage(session, values, recorded.errors)));
      return;
    }
    res.redirect(303, `/children/${encodeURIComponent(childId)}?recorded=ChildRegistered`);
  }

  @Get('children/:childId/record/:eventType')
  async stepForm(
    @Param('childId') rawChildId: string,
    @Param('eventType') type: string,
    @Req() req: RequestWithCorrelation,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.childContext(rawChildId, req, res);
    if (context === undefined) return;
    const form = this.stepFormOf(type, context, res);
    if (form === undefined) return;
    const values: Record<string, string> = { eventId: randomUUID() };
    for (const field of form.fields) {
      if (field.ask.kind === 'new-id') values[field.name] = suggestedId(field.ask.prefix);
      if (field.ask.kind === 'number' && field.ask.prefill !== undefined) values[field.name] = field.ask.prefill;
      if (field.ask.kind === 'text' && field.ask.prefill !== undefined) values[field.name] = context.state.child?.[field.ask.prefill] ?? '';
    }
    if (form.type === 'ChildDetailsChanged') Object.assign(values, currentDetailsValues(form, context.state));
    await this.audit.record(context.session, 'read', `${req.method} ${req.originalUrl}`, req.correlationId, [context.childId], this.clock.now());
    this.send(res, 200, renderEventForm(await this.stepPage(form, context, values, [])));
  }

  @Post('children/:childId/record/:eventType')
  async step(
    @Param('childId') rawChildId: string,
    @Param('eventType') type: string,
    @Body() body: FormBody,
    @Req() req: RequestWithCorrelation,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.childContext(rawChildId, req, res, body);
    if (context === undefined) return;
    const form = this.stepFormOf(type, context, res);
    if (form === undefined) return;
    const values = valuesFrom(form, body);
    const change = changeOf(body, questionsOf(form));
    if (change !== undefined) {
      this.send(res, 200, renderEventForm({ ...(await this.stepPage(form, context, values, [])), focus: change }));
      return;
    }
    const checked = this.check(form, values, context.childId, context.state);
    if ('errors' in checked) {
      this.send(res, checked.status, renderEventForm(await this.stepPage(form, context, values, checked.errors)));
      return;
    }
    if (body.step !== 'record') {
      this.send(res, 200, renderCheckAnswers(await this.stepPage(form, context, values, [])));
      return;
    }
    const recorded = await this.record(form, context.childId, checked.event, context.session, req);
    if ('errors' in recorded) {
      this.send(res, recorded.status, renderEventForm(await this.stepPage(form, context, values, recorded.errors)));
      return;
    }
    res.redirect(303, `/children/${encodeURIComponent(context.childId)}?recorded=${form.type}`);
  }

  @Get('children/:childId/void/:eventId')
  async voidForm(
    @Param('childId') rawChildId: string,
    @Param('eventId') eventId: string,
    @Req() req: RequestWithCorrelation,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.childContext(rawChildId, req, res);
    if (context === undefined) return;
    await this.audit.record(context.session, 'read', `${req.method} ${req.originalUrl}`, req.correlationId, [context.childId], this.clock.now());
    await this.sendVoidPage(res, context, eventId, randomUUID(), '', []);
  }

  @Post('children/:childId/void/:eventId')
  async void(
    @Param('childId') rawChildId: string,
    @Param('eventId') eventId: string,
    @Body() body: FormBody,
    @Req() req: RequestWithCorrelation,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.childContext(rawChildId, req, res, body);
    if (context === undefined) return;
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const voidEventId = typeof body.voidEventId === 'string' && body.voidEventId !== '' ? body.voidEventId : randomUUID();
    const request = {
      type: 'EventVoided',
      occurredOn: this.clock.today(),
      data: { eventId, reason: reason.trim() === '' ? undefined : reason },
      eventId: voidEventId,
    };
    let validated: ValidatedEventRequest;
    try {
      validated = this.validate.transform(JSON.parse(JSON.stringify(request)) as unknown);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      const text =
        reason.trim() === ''
          ? 'Enter why this entry is being voided'
          : `The reason ${error.details.map((d) => d.message.replace(/^data\.reason /, '')).join('; ')}`;
      await this.sendVoidPage(res, context, eventId, voidEventId, reason, [{ field: 'reason', href: '#reason', text }], 400);
      return;
    }
    try {
      await this.commandBus.execute(
        new RecordJourneyEventCommand(context.childId, validated.event, voidEventId, context.session.sub, req.correlationId ?? randomUUID(), (area) =>
          this.access.mayWrite(context.session, area),
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.sendVoidPage(res, context, eventId, voidEventId, reason, [{ field: 'reason', href: '#reason', text: inWords(error.message) }], 422);
      return;
    }
    res.redirect(303, `/children/${encodeURIComponent(context.childId)}?recorded=EventVoided`);
  }

  /** The person signed in, if they may record; otherwise the answer is sent (sign in, 403, or an expired form). */
  private async recorder(req: RequestWithCorrelation, res: Response, posted?: FormBody): Promise<Session | undefined> {
    const current = await this.sessions.current(req);
    if (!('session' in current)) {
      const ended = current.ended === 'unknown' ? '' : `ended=${current.ended}&`;
      res.redirect(303, `/sign-in?${ended}returnTo=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
      return undefined;
    }
    const { session } = current;
    const person = personOf(session);
    if (!mayOpen(person, RECORDERS)) {
      this.send(res, 403, renderForbidden(person, session.csrfToken, REFUSAL));
      return undefined;
    }
    if (posted !== undefined && (crossSiteReason(req) !== null || !sameToken(posted.csrfToken, session.csrfToken))) {
      this.send(
        res,
        403,
        renderNotPossible(
          person,
          session.csrfToken,
          'The form had expired',
          'Nothing was recorded: the form did not come from this service’s own page, or it was opened before you last signed in. Open it again and re-enter your answers.',
          '/caseload',
          'form-expired',
        ),
      );
      return undefined;
    }
    return session;
  }

  /** The child a recorder may record for; a child outside their areas reads as not found, as the API answers. */
  private async childContext(rawChildId: string, req: RequestWithCorrelation, res: Response, posted?: FormBody): Promise<ChildContext | undefined> {
    const session = await this.recorder(req, res, posted);
    if (session === undefined) return undefined;
    let childId: string;
    try {
      childId = new ChildIdPipe().transform(rawChildId);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      childId = '';
    }
    const state = childId === '' ? foldJourney([]) : await this.stateOf(childId);
    if (state.child === null || !this.access.mayWrite(session, state.child.area)) {
      this.send(
        res,
        404,
        renderNotPossible(
          personOf(session),
          session.csrfToken,
          'Child not found',
          `No child ${rawChildId} is registered in your areas.`,
          '/caseload',
          'not-found',
        ),
      );
      return undefined;
    }
    const { child } = state;
    const caption = child.erased || child.givenName === null ? `Child ${childId}` : `${child.givenName} ${child.familyName ?? ''}`.trim();
    return { session, childId, state, caption };
  }

  private stepFormOf(type: string, context: ChildContext, res: Response): EventForm | undefined {
    const form = formOf(type);
    if (form === undefined || form.type === 'ChildRegistered') {
      this.send(
        res,
        404,
        renderNotPossible(
          personOf(context.session),
          context.session.csrfToken,
          'There is no such step',
          `“${type}” is not a step that can be recorded here. Choose one from the child’s page.`,
          `/children/${encodeURIComponent(context.childId)}`,
          'no-such-step',
        ),
      );
      return undefined;
    }
    return form;
  }

  /** The API's own cached journey, advanced by what was appended since: a form costs the same on a long history. */
  private async stateOf(childId: string): Promise<JourneyState> {
    return (await this.journeys.current(journeyStreamId(childId))).state;
  }

  /**
   * The answers through the API's own request DTO (400: each problem against its field), then through the
   * domain's `decide` against the journey as it stands (422: the order rule's refusal against its field).
   */
  private check(
    form: EventForm,
    values: FormValues,
    childId: string,
    state: JourneyState,
  ): { event: JourneyEvent } | { errors: FieldError[]; status: number } {
    const request = requestBodyFor(form, values, state);
    let validated: ValidatedEventRequest;
    try {
      validated = this.validate.transform(request);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      return { errors: errorsFromProblems(form, values, error.details), status: 400 };
    }
    try {
      decide({ childId, eventId: values.eventId ?? randomUUID(), event: validated.event, today: this.clock.today() }, state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { errors: [refusalError(form, error)], status: 422 };
    }
    return { event: validated.event };
  }

  /** Records through the API's command; a refusal that raced in since the check is answered on the form. */
  private async record(
    form: EventForm,
    childId: string,
    event: JourneyEvent,
    session: Session,
    req: RequestWithCorrelation,
  ): Promise<{ recorded: true } | { errors: FieldError[]; status: number }> {
    const eventId = valuesEventId(req.body);
    try {
      await this.commandBus.execute(
        new RecordJourneyEventCommand(childId, event, eventId, session.sub, req.correlationId ?? randomUUID(), (area) =>
          this.access.mayWrite(session, area),
        ),
      );
      return { recorded: true };
    } catch (error) {
      if (error instanceof DomainError) return { errors: [refusalError(form, error)], status: 422 };
      if (error instanceof AccessDeniedError) return { errors: [{ field: 'area', href: '#area', text: error.message }], status: 403 };
      if (error instanceof ConcurrencyError)
        return {
          errors: [
            {
              field: 'occurredOn',
              href: '#occurredOn-day',
              text: 'Someone else recorded for this child at the same moment. Check the child’s history, then record again.',
            },
          ],
          status: 409,
        };
      throw error;
    }
  }

  private registerPage(session: Session, values: FormValues, errors: readonly FieldError[]): FormPage {
    return {
      person: personOf(session),
      csrfToken: session.csrfToken,
      action: '/children/new',
      back: '/caseload',
      caption: 'New child',
      form: EVENT_FORMS.ChildRegistered,
      values,
      errors,
      keyOptions: {},
      areas: session.areas,
      today: this.clock.today(),
      extra: [CHILD_ID_FIELD],
    };
  }

  private async stepPage(form: EventForm, context: ChildContext, values: FormValues, errors: readonly FieldError[]): Promise<FormPage> {
    const { session, childId, state } = context;
    const steps: NextStepsResponse = await this.queryBus.execute(
      new GetNextStepsQuery(childId, this.clock.today(), (area) => this.access.mayWrite(session, area)),
    );
    const step: NextStep | undefined = steps.steps.find((s) => s.type === form.type);
    return {
      person: personOf(session),
      csrfToken: session.csrfToken,
      action: recordPath(childId, form.type),
      back: `/children/${encodeURIComponent(childId)}`,
      caption: context.caption,
      form,
      values,
      errors,
      keyOptions: keyOptionsFor(form, step, state),
      areas: session.areas,
      today: this.clock.today(),
    };
  }

  private async sendVoidPage(
    res: Response,
    context: ChildContext,
    eventId: string,
    voidEventId: string,
    reason: string,
    errors: FieldError[],
    status = 200,
  ): Promise<void> {
    const { session, childId, state } = context;
    const { events } = state;
    const person = personOf(session);
    const back = `/children/${encodeURIComponent(childId)}`;
    const target = events.find((e) => e.metadata.eventId === eventId);
    if (target === undefined || target.event.type === 'ChildRegistered' || target.event.type === 'EventVoided' || eventId in state.voidedEventIds) {
      const why =
        target === undefined
          ? 'There is no such entry in this child’s history.'
          : target.event.type === 'ChildRegistered'
            ? 'A registration cannot be voided: every other entry depends on it. To correct the child’s details, change them instead.'
            : target.event.type === 'EventVoided'
              ? 'A void cannot itself be voided.'
              : 'This entry is voided already.';
      this.send(
        res,
        target === undefined ? 404 : 422,
        renderNotPossible(person, session.csrfToken, 'This entry cannot be voided', why, back, 'cannot-void'),
      );
      return;
    }
    const today = this.clock.today();
    const preview: RecordedJourneyEvent = {
      event: { type: 'EventVoided', occurredOn: today, data: { eventId, reason: 'preview' } },
      metadata: { eventId: randomUUID(), recordedAt: '', recordedBy: '', correlationId: '', schemaVersion: 1 },
      streamRevision: (events.at(-1)?.streamRevision ?? 0) + 1,
    };
    const before = buildJourneyResponse(childId, today, events, this.rules, state);
    const after = buildJourneyResponse(childId, today, [...events, preview], this.rules, evolve(state, preview));
    const form = formOf(target.event.type);
    const data = valuesOfData(form, { ...(target.event.data as Record<string, unknown>), occurredOn: target.event.occurredOn });
    const entry = [
      { key: 'What happened', value: eventWords(target.event.type) },
      { key: 'Date', value: longDate(target.event.occurredOn) },
      // the entry's own answers: an optional question it left unanswered is not part of it
      ...(form?.fields ?? [])
        .map((field) => ({ key: field.label.replace(/ \(optional\)$/, ''), value: answerInWords(field, data), optional: field.optional === true }))
        .filter((row) => !(row.optional && row.value === 'Not given'))
        .map(({ key, value }) => ({ key, value })),
      { key: 'Recorded by', value: (await this.identity.accounts.find(target.metadata.recordedBy))?.name ?? target.metadata.recordedBy },
      { key: 'Recorded on', value: longDate(target.metadata.recordedAt.slice(0, 10)) },
    ];
    this.send(
      res,
      status,
      renderVoidPage({
        person,
        csrfToken: session.csrfToken,
        action: `/children/${encodeURIComponent(childId)}/void/${encodeURIComponent(eventId)}`,
        back,
        caption: context.caption,
        entry,
        changes: voidChanges(before, after),
        voidEventId,
        reason,
        errors,
      }),
    );
  }

  private send(res: Response, status: number, page: string): void {
    res.status(status).set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': PAGE_CSP }).type('html').send(page);
  }
}

/** A reference for something new, e.g. "ref-3k9x2a": short enough to read out, unlikely to be taken. */
function suggestedId(prefix: string): string {
  return `${prefix}-${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0').slice(-6)}`;
}

/** The question whose "Change" was pressed on the check-your-answers page, as the id of its first input. */
function changeOf(body: FormBody, questions: readonly FormField[]): string | undefined {
  const field = questions.find((q) => q.name === body.change);
  return field === undefined ? undefined : inputIdOf(field);
}

function valuesEventId(body: unknown): string {
  const eventId = (body as { eventId?: unknown } | undefined)?.eventId;
  return typeof eventId === 'string' && eventId !== '' ? eventId : randomUUID();
}

function refusalError(form: EventForm, error: DomainError): FieldError {
  if (form.type === 'ChildRegistered' && (error.code === 'CHILD_ALREADY_REGISTERED' || error.code === 'CHILD_NOT_REGISTERED')) {
    return { field: 'childId', href: '#childId', text: 'A child is already registered with this child id. Choose another.' };
  }
  return errorFromRefusal(form, error);
}
