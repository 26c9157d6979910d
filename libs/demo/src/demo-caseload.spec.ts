import {
  computeClocks,
  computeInclusion,
  computeWaitingTimes,
  decide,
  evolve,
  foldJourney,
  type JourneyState,
  type RecordedJourneyEvent,
} from '@sj/domain';
import { generateDemoCaseload, type DemoChild } from './demo-caseload.generator';

const OPTIONS = { seed: 42, children: 400, today: '2026-11-23' } as const;

/** Records a generated child event by event through the domain's own decide/evolve, as the API would. */
function record(child: DemoChild): { stream: RecordedJourneyEvent[]; refusals: string[] } {
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
  return { stream: state.events as RecordedJourneyEvent[], refusals };
}

describe('the demo caseload (seed 42, 400 children, today 2026-11-23)', () => {
  const children = [...generateDemoCaseload(OPTIONS)];
  const recorded = children.map((child) => ({ child, ...record(child) }));

  it('is the same on every run', () => {
    expect([...generateDemoCaseload(OPTIONS)]).toEqual(children);
  });

  it("passes every order rule: each child's events are accepted by decide, in order", () => {
    expect(recorded.flatMap((r) => r.refusals)).toEqual([]);
  });

  it('shows a newcomer what the managers care about', () => {
    const clocks = recorded.flatMap(({ stream }) => computeClocks(stream, OPTIONS.today));
    const breachedFinalPlans = clocks.filter((c) => c.clock === 'final-plan' && c.status === 'breached');
    // a reg 10(4) exception switches the 20-week limit off; the plan may have been issued since
    const exceptedRequests = clocks.filter((c) => c.clock === 'final-plan' && c.exception !== undefined);
    const lateReviews = clocks.filter((c) => c.clock === 'annual-review' && (c.status === 'breached' || c.status === 'met-late'));
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
});
