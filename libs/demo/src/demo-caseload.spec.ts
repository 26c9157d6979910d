import { inclusionAlertChanges } from '@sj/alerts';
import {
  computeClocks,
  computeInclusion,
  computeWaitingTimes,
  decide,
  ETHNICITY_CODE_PATTERN,
  evolve,
  foldJourney,
  POSTCODE_PATTERN,
  SEN_NEED_TYPES,
  UKPRN_PATTERN,
  URN_PATTERN,
  type ClockView,
  type JourneyEvent,
  type JourneyEventOf,
  type JourneyEventType,
  type JourneyState,
  type RecordedJourneyEvent,
} from '@sj/domain';
import { generateDemoCaseload, type DemoChild } from './demo-caseload.generator';

/** The caseload `npm run demo` loads (seed 42, 2000 children), on a fixed day. */
const OPTIONS = { seed: 42, children: 2000, today: '2026-11-23' } as const;

/** Records a generated child event by event, in the order they were typed, through the domain's own decide/evolve, as the API would. */
function record(child: DemoChild): { stream: RecordedJourneyEvent[]; state: JourneyState; refusals: string[] } {
  let state: JourneyState = foldJourney([]);
  const refusals: string[] = [];
  child.events.forEach(({ eventId, event }, revision) => {
    try {
      decide({ childId: child.childId, eventId, event, today: OPTIONS.today }, state);
    } catch (error) {
      refusals.push(`${child.childId} #${revision} ${event.type} ${event.occurredOn}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const recorded: RecordedJourneyEvent = {
      event,
      streamRevision: revision,
      metadata: { eventId, recordedAt: '2026-11-23T09:00:00.000Z', recordedBy: 'demo-loader', correlationId: child.childId, schemaVersion: 1 },
    };
    state = evolve(state, recorded);
  });
  return { stream: state.events as RecordedJourneyEvent[], state, refusals };
}

function ofType<T extends JourneyEventType>(events: readonly JourneyEvent[], type: T): JourneyEventOf<T>[] {
  return events.filter((e): e is JourneyEventOf<T> => e.type === type);
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** An entry typed after an entry dated later than it: a late entry, which decide places at its own date. */
function typedLate(child: DemoChild): JourneyEvent[] {
  let latest = '';
  const late: JourneyEvent[] = [];
  for (const { event } of child.events) {
    if (event.type === 'ChildRegistered' || event.type === 'EventVoided') continue;
    if (event.occurredOn < latest) late.push(event);
    else latest = event.occurredOn;
  }
  return late;
}

describe('the demo caseload (seed 42, 2000 children, today 2026-11-23)', () => {
  const children = [...generateDemoCaseload(OPTIONS)];
  const recorded = children.map((child) => ({ child, ...record(child) }));
  const events = recorded.flatMap(({ stream }) => stream.map((e) => e.event));
  const clocks = recorded.flatMap(({ stream }) => computeClocks(stream, OPTIONS.today));
  const clocksOf = (clock: ClockView['clock']) => clocks.filter((c) => c.clock === clock);
  const late = (c: ClockView) => c.status === 'met-late' || c.status === 'breached';
  const withPlan = recorded.filter(({ stream }) => stream.some((e) => e.event.type === 'FinalPlanIssued'));
  const withRequest = recorded.filter(({ stream }) => stream.some((e) => e.event.type === 'EhcNeedsAssessmentRequested'));
  const details = ofType(events, 'ChildDetailsChanged');
  const placements = ofType(events, 'PlacementNamed');

  it('is the same on every run', () => {
    expect([...generateDemoCaseload(OPTIONS)]).toEqual(children);
  });

  it("passes every order rule: each child's events are accepted by decide, in the order they were typed", () => {
    expect(recorded.flatMap((r) => r.refusals)).toEqual([]);
  });

  it('shows a newcomer what the managers care about', () => {
    const breachedFinalPlans = clocks.filter((c) => c.clock === 'final-plan' && c.status === 'breached');
    // a reg 10(4) exception switches the 20-week limit off; the plan may have been issued since
    const exceptedRequests = clocks.filter((c) => c.clock === 'final-plan' && c.exception !== undefined);
    const lateReviews = clocksOf('annual-review').filter(late);
    const longAutismWaits = recorded
      .flatMap(({ stream }) => computeWaitingTimes(stream, OPTIONS.today))
      .filter((w) => w.service === 'autism-assessment' && w.daysWaited >= 480);
    const repeatedlySuspended = recorded.filter(({ stream }) => computeInclusion(stream).bySchoolYear.some((y) => y.suspensionCount >= 3));

    expect(breachedFinalPlans.length).toBeGreaterThan(0);
    expect(exceptedRequests.length).toBeGreaterThan(0);
    expect(lateReviews.length).toBeGreaterThan(0);
    expect(longAutismWaits.length).toBeGreaterThan(0);
    expect(repeatedlySuspended.length).toBeGreaterThan(0);
  });

  it('moves some children to another area mid-journey, some of the moves typed in after later-dated entries', () => {
    const moved = recorded.filter(({ child, state }) => state.child?.area !== child.area);
    const movesTypedLate = children.flatMap((child) => typedLate(child).filter((e) => e.type === 'ChildDetailsChanged' && e.data.area !== undefined));

    expect(share(moved.length, children.length)).toBeGreaterThan(0.02);
    expect(share(moved.length, children.length)).toBeLessThan(0.15);
    expect(movesTypedLate.length).toBeGreaterThan(0);
    expect(movesTypedLate.length).toBeLessThan(moved.length);
  });

  it('re-assesses a few plans: the new final plan replaces the old one, some of them later than 14 weeks', () => {
    const requests = ofType(events, 'ReassessmentRequested');
    const replaced = recorded.flatMap(({ state }) => state.endedPlans.filter((p) => p.endedAs === 'replaced'));
    const finalPlanClocks = clocksOf('reassessment-final-plan');

    expect(share(requests.length, withPlan.length)).toBeGreaterThan(0.01);
    expect(share(requests.length, withPlan.length)).toBeLessThan(0.15);
    expect(ofType(events, 'ReassessmentDecisionMade').some((e) => e.data.decision === 'not-reassess')).toBe(true);
    expect(replaced.length).toBeGreaterThan(0);
    expect(finalPlanClocks.filter((c) => c.status === 'met').length).toBeGreaterThan(0);
    expect(finalPlanClocks.filter(late).length).toBeGreaterThan(0);
  });

  it('takes appeals to the Tribunal against refusals, plan contents and placements; orders are obeyed on time or late', () => {
    const lodged = ofType(events, 'AppealLodged');
    const outcomes = ofType(events, 'AppealDecided').map((e) => e.data.outcome);
    const compliance = clocksOf('appeal-compliance');

    expect(share(lodged.length, withRequest.length)).toBeGreaterThan(0.03);
    expect(share(lodged.length, withRequest.length)).toBeLessThan(0.3);
    for (const against of ['refusal-to-assess', 'refusal-to-issue', 'plan-contents', 'placement'] as const) {
      expect(lodged.filter((e) => e.data.against === against).length).toBeGreaterThan(0);
    }
    expect(outcomes).toContain('upheld');
    expect(outcomes).toContain('dismissed');
    expect(outcomes).toContain('withdrawn');
    expect(ofType(events, 'AppealConceded').length).toBeGreaterThan(0);
    // most appeals end in the family's favour (the Tribunal's published figures)
    expect(outcomes.filter((o) => o === 'upheld').length).toBeGreaterThan(outcomes.filter((o) => o === 'dismissed').length);
    expect(compliance.filter((c) => c.status === 'met').length).toBeGreaterThan(0);
    expect(compliance.filter(late).length).toBeGreaterThan(0);
    expect(ofType(events, 'MediationRecorded').length).toBeGreaterThan(0);
  });

  it('names a placement for every plan, by URN, UKPRN or setting code, and agrees personal budgets for some', () => {
    const withoutPlacement = withPlan.filter(({ stream }) => !stream.some((e) => e.event.type === 'PlacementNamed' && e.event.data.rank === 1));
    const budgets = ofType(events, 'PersonalBudgetAgreed');

    expect(withoutPlacement).toEqual([]);
    expect(placements.flatMap((p) => (p.data.urn === undefined ? [] : [p.data.urn])).every((urn) => URN_PATTERN.test(urn))).toBe(true);
    expect(placements.flatMap((p) => (p.data.ukprn === undefined ? [] : [p.data.ukprn])).every((ukprn) => UKPRN_PATTERN.test(ukprn))).toBe(true);
    expect(placements.some((p) => p.data.ukprn !== undefined)).toBe(true);
    expect(placements.some((p) => p.data.setting !== undefined)).toBe(true);
    expect(placements.filter((p) => [p.data.urn, p.data.ukprn, p.data.setting].filter((code) => code !== undefined).length > 1)).toEqual([]);
    expect(share(budgets.length, withPlan.length)).toBeGreaterThan(0.02);
    expect(share(budgets.length, withPlan.length)).toBeLessThan(0.2);
  });

  it('records the SEN2 details: sex (mostly boys), DfE ethnicity codes, canonical postcodes and ranked needs with autism the commonest', () => {
    const sexes = details.flatMap((d) => (d.data.sex === undefined ? [] : [d.data.sex]));
    const primaryNeeds = details.flatMap((d) => (d.data.senNeeds === undefined ? [] : [d.data.senNeeds[0]]));
    const commonest = [...new Set(primaryNeeds)].sort(
      (a, b) => primaryNeeds.filter((n) => n === b).length - primaryNeeds.filter((n) => n === a).length,
    )[0];

    expect(share(sexes.filter((s) => s === 'male').length, sexes.length)).toBeGreaterThan(0.6);
    expect(share(sexes.filter((s) => s === 'male').length, sexes.length)).toBeLessThan(0.85);
    expect(details.every((d) => d.data.ethnicity === undefined || ETHNICITY_CODE_PATTERN.test(d.data.ethnicity))).toBe(true);
    expect(new Set(details.flatMap((d) => (d.data.ethnicity === undefined ? [] : [d.data.ethnicity]))).size).toBeGreaterThan(10);
    expect(
      details.every((d) => d.data.postcode === undefined || (POSTCODE_PATTERN.test(d.data.postcode) && / [0-9][A-Z]{2}$/.test(d.data.postcode))),
    ).toBe(true);
    for (const needs of details.flatMap((d) => (d.data.senNeeds === undefined ? [] : [d.data.senNeeds]))) {
      expect(needs.length).toBeGreaterThan(0);
      expect(new Set(needs).size).toBe(needs.length);
      expect(needs.every((n) => (SEN_NEED_TYPES as readonly string[]).includes(n))).toBe(true);
    }
    expect(commonest).toBe('ASD');
  });

  it('carries a handful of the data problems SEN2 validation rejects: no sex, no primary need, a placement with no code', () => {
    const noSex = withRequest.filter(({ state }) => state.child?.sex === null);
    const noPrimaryNeed = withPlan.filter(({ state }) => state.child?.senNeeds.length === 0);
    const noCode = placements.filter((p) => p.data.urn === undefined && p.data.ukprn === undefined && p.data.setting === undefined);

    for (const [problems, among] of [
      [noSex.length, withRequest.length],
      [noPrimaryNeed.length, withPlan.length],
      [noCode.length, placements.length],
    ] as const) {
      expect(problems).toBeGreaterThan(0);
      expect(share(problems, among)).toBeLessThan(0.02);
    }
  });

  it('has suspensions of more than 5 school days (sixth-day provision) and children at infant schools moving into Year 3', () => {
    const suspensions = recorded.flatMap(({ stream }) => computeInclusion(stream).suspensions);
    const sixthDay = suspensions.filter((s) => s.sixthDayProvision);
    const transfers = clocksOf('phase-transfer');

    expect(share(sixthDay.length, suspensions.length)).toBeGreaterThan(0.03);
    expect(share(sixthDay.length, suspensions.length)).toBeLessThan(0.25);
    expect(transfers.some((c) => c.key.startsWith('year-3-'))).toBe(true);
    expect(transfers.filter((c) => c.status === 'met').length).toBeGreaterThan(0);
    expect(transfers.filter(late).length).toBeGreaterThan(0);
  });

  it('voids a few third suspensions, so the Area Inclusion Discussion they called for is withdrawn', () => {
    const changes = recorded.map(({ child, stream }) => {
      const recordedOn = Object.fromEntries(stream.map((e) => [e.metadata.eventId, OPTIONS.today]));
      return { stream, changes: inclusionAlertChanges({ childId: child.childId, events: stream, recordedOn }) };
    });
    const raised = changes.flatMap(({ changes }) => changes.filter((c) => c.kind === 'raised' && c.decision.rule === 'area-inclusion-discussion'));
    // withdrawn by voiding the very suspension that was the third, as the journey stood before the void
    const voidedThirds = changes.flatMap(({ stream, changes }) =>
      changes.filter((change) => {
        if (change.kind !== 'withdrawn' || !change.alertId.startsWith('aid:')) return false;
        const at = stream.findIndex((e) => e.metadata.eventId === change.causedBy);
        const cause = stream.at(at)?.event;
        if (cause?.type !== 'EventVoided') return false;
        const voided = stream.find((e) => e.metadata.eventId === cause.data.eventId)?.event;
        if (voided?.type !== 'SuspensionRecorded') return false;
        const before = computeInclusion(stream.slice(0, at)).bySchoolYear.map((y) => y.trigger?.suspensionIds);
        return before.some((ids) => ids?.length === 3 && ids[2] === voided.data.suspensionId);
      }),
    );

    expect(voidedThirds.length).toBeGreaterThan(0);
    expect(voidedThirds.length).toBeLessThan(raised.length / 2);
  });
});
