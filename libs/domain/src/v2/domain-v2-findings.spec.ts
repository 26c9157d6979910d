import type { JourneyEvent, RecordedJourneyEvent } from '../events';
import { computeClocks, type ClockName, type ClockView } from '../clocks';
import { stream } from '../clocks/testing/journey-fixture';
import { computeWaitingTimes } from '../waiting-times';
import { decide, foldJourney } from '../journey';
import { DomainError } from '../errors';

/**
 * The findings of the domain audit that version 2 of the rules (docs/domain-rules.md) fixes, each told as
 * a story: given this journey, when this is recorded or asked, then this.
 */
const registered: JourneyEvent = {
  type: 'ChildRegistered',
  occurredOn: '2020-01-06',
  data: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-10-15', area: 'north', school: 'Oak Primary' },
};
const ev = <T extends JourneyEvent['type']>(type: T, occurredOn: string, data: Extract<JourneyEvent, { type: T }>['data']): JourneyEvent =>
  ({ type, occurredOn, data }) as JourneyEvent;

function record(history: readonly RecordedJourneyEvent[], event: JourneyEvent, today = '2026-11-30'): RecordedJourneyEvent[] {
  const written = decide({ childId: 'child-1', eventId: `ev-${history.length}`, event, today }, foldJourney(history));
  return stream(...history.map((h) => h.event), ...written);
}

function refusal(history: readonly RecordedJourneyEvent[], event: JourneyEvent): DomainError {
  try {
    record(history, event);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${event.type} on ${event.occurredOn} to be refused`);
}

const clockOf = (views: readonly ClockView[], clock: ClockName, key?: string): ClockView | undefined =>
  views.find((v) => v.clock === clock && (key === undefined || v.key === key));

const requested = ev('EhcNeedsAssessmentRequested', '2024-01-08', { requestId: 'req-1', requestedBy: 'parent' });
const assess = ev('DecisionToAssessMade', '2024-02-12', { requestId: 'req-1', decision: 'assess' });

describe('exceptions no longer lose to stops (finding 1)', () => {
  const exception = ev('TimescaleExceptionRecorded', '2024-03-01', { requestId: 'req-1', exception: 'exceptional-personal-circumstances' });

  it('a late final plan of a request with an exception shows its 20-week clock excepted, keeping the issue date', () => {
    const events = stream(
      registered,
      requested,
      assess,
      exception,
      ev('FinalPlanIssued', '2024-06-24', { requestId: 'req-1', placement: 'Oak Primary' }),
    );
    expect(clockOf(computeClocks(events, '2024-09-01'), 'final-plan')).toMatchObject({
      status: 'excepted',
      dueOn: '2024-05-27',
      stoppedOn: '2024-06-24',
      daysOverdue: 0,
      exception: 'exceptional-personal-circumstances',
    });
  });

  it('a decision made before the exception keeps its met status; clocks still running at the exception are excepted', () => {
    const views = computeClocks(stream(registered, requested, assess, exception), '2024-09-01');
    expect(clockOf(views, 'decision-to-assess')).toMatchObject({ status: 'met', stoppedOn: '2024-02-12' });
    expect(clockOf(views, 'plan-decision')).toMatchObject({ status: 'excepted' });
  });

  it('an exception dated after the final plan is refused, so it cannot move a late plan out of the excluding-exceptions figure', () => {
    const issued = stream(registered, requested, assess, ev('FinalPlanIssued', '2024-06-24', { requestId: 'req-1', placement: 'Oak Primary' }));
    const late = ev('TimescaleExceptionRecorded', '2024-07-01', { requestId: 'req-1', exception: 'absent-from-area' });
    expect(refusal(issued, late)).toMatchObject({ code: 'EXCEPTION_AFTER_LAST_CLOCK_STOPPED', details: { lastStepOn: '2024-06-24' } });
  });

  it('a final plan back-dated before an exception already recorded is refused, naming the exception it would break', () => {
    const excepted = stream(
      registered,
      requested,
      assess,
      ev('TimescaleExceptionRecorded', '2024-07-01', { requestId: 'req-1', exception: 'absent-from-area' }),
    );
    expect(refusal(excepted, ev('FinalPlanIssued', '2024-06-24', { requestId: 'req-1', placement: 'Oak Primary' }))).toMatchObject({
      code: 'BREAKS_LATER_STEP',
      details: { laterEventType: 'TimescaleExceptionRecorded', laterRule: 'EXCEPTION_AFTER_LAST_CLOCK_STOPPED' },
    });
  });
});

describe('one business-date fold for deciding and for every view (finding 2)', () => {
  const firstPlan = [
    registered,
    requested,
    assess,
    ev('FinalPlanIssued', '2024-05-20', { requestId: 'req-1', placement: 'Oak Primary' }),
    ev('PlanCeased', '2025-03-03', { reason: 'moved out of the area' }),
    ev('EhcNeedsAssessmentRequested', '2025-01-06', { requestId: 'req-2', requestedBy: 'school' }),
    ev('DecisionToAssessMade', '2025-02-03', { requestId: 'req-2', decision: 'assess' }),
  ];

  it('refuses a final plan back-dated before the PlanCeased that ends the previous plan, naming the rule', () => {
    const backDated = ev('FinalPlanIssued', '2025-02-24', { requestId: 'req-2', placement: 'Elm Academy' });
    expect(refusal(stream(...firstPlan), backDated)).toMatchObject({ code: 'PLAN_ALREADY_ACTIVE', details: { activePlanRequestId: 'req-1' } });
  });

  it('accepts the same final plan dated after the cessation, and its annual-review clock runs', () => {
    const issued = record(stream(...firstPlan), ev('FinalPlanIssued', '2025-03-10', { requestId: 'req-2', placement: 'Elm Academy' }));
    expect(clockOf(computeClocks(issued, '2025-06-01'), 'annual-review', 'plan:req-2:review:1')).toMatchObject({
      status: 'running',
      dueOn: '2026-03-09',
    });
  });

  it('an area move typed late takes effect on its date: the latest-dated move decides where the child is', () => {
    const moves = stream(
      registered,
      ev('ChildDetailsChanged', '2024-01-15', { area: 'south' }),
      ev('ChildDetailsChanged', '2023-12-01', { area: 'east' }),
    );
    expect(foldJourney(moves).child?.area).toBe('south');
  });

  it('the journey state keeps the first exception in date order, as the clocks do', () => {
    const events = stream(
      registered,
      requested,
      ev('TimescaleExceptionRecorded', '2024-03-01', { requestId: 'req-1', exception: 'school-closure' }),
      ev('TimescaleExceptionRecorded', '2024-02-01', { requestId: 'req-1', exception: 'absent-from-area' }),
    );
    expect(foldJourney(events).ehcRequests['req-1']).toMatchObject({ exception: 'absent-from-area', exceptionRecordedOn: '2024-02-01' });
    expect(clockOf(computeClocks(events, '2024-09-01'), 'final-plan')).toMatchObject({ exception: 'absent-from-area' });
  });

  it('folding the events one at a time equals folding them all, even when they were typed out of date order', () => {
    const events = stream(registered, requested, ev('ChildDetailsChanged', '2024-06-01', { area: 'south' }), assess);
    const oneByOne = events.slice(1).reduce((state, e) => evolveInto(state, e), foldJourney(events.slice(0, 1)));
    expect(oneByOne).toEqual(foldJourney(events));
  });
});

function evolveInto(state: ReturnType<typeof foldJourney>, e: RecordedJourneyEvent): ReturnType<typeof foldJourney> {
  return foldJourney([...state.events, e]);
}

describe('re-triage (finding 6)', () => {
  const referral = ev('ReferralReceived', '2024-01-08', { referralId: 'asd-1', service: 'autism-assessment', source: 'school' });
  const notAccepted = ev('MdtTriageCompleted', '2024-02-05', { referralId: 'asd-1', outcome: 'not-accepted' });
  const accepted = ev('MdtTriageCompleted', '2024-03-04', { referralId: 'asd-1', outcome: 'accepted' });

  it('an accepted triage after a not-accepted one reopens the autism clock, still counted from the referral date', () => {
    const events = stream(registered, referral, notAccepted, accepted);
    expect(clockOf(computeClocks(events, '2024-02-20'), 'autism-assessment-start')).toMatchObject({ status: 'closed' });
    expect(clockOf(computeClocks(events, '2024-06-01'), 'autism-assessment-start')).toMatchObject({
      status: 'breached',
      startedOn: '2024-01-08',
      dueOn: '2024-04-08',
      daysOverdue: 54,
    });
  });

  it('and reopens the wait: the referral is waiting again, for the days since the referral', () => {
    const [wait] = computeWaitingTimes(stream(registered, referral, notAccepted, accepted), '2024-06-01');
    expect(wait).toMatchObject({ status: 'waiting', daysWaited: 145 });
  });
});

describe('breach history survives closure (finding 7)', () => {
  it('a CAMHS referral closed 35 days after its 4-week due date shows 35 days overdue', () => {
    const events = stream(
      registered,
      ev('ReferralReceived', '2024-01-08', { referralId: 'camhs-1', service: 'camhs', source: 'gp' }),
      ev('ReferralClosed', '2024-03-11', { referralId: 'camhs-1', reason: 'family moved away' }),
    );
    expect(clockOf(computeClocks(events, '2024-06-01'), 'camhs-first-seen')).toMatchObject({
      status: 'closed',
      dueOn: '2024-02-05',
      daysOverdue: 35,
    });
  });
});

describe('29 February (finding 8)', () => {
  it('a plan issued on 29 February 2024 is due for review on 28 February 2025', () => {
    const events = stream(registered, requested, assess, ev('FinalPlanIssued', '2024-02-29', { requestId: 'req-1', placement: 'Oak Primary' }));
    expect(clockOf(computeClocks(events, '2024-03-01'), 'annual-review')).toMatchObject({ dueOn: '2025-02-28' });
  });
});

describe('a journey with an upheld appeal, an area move and a re-assessment (every clock worked out by hand)', () => {
  const journey: JourneyEvent[] = [
    registered,
    ev('EhcNeedsAssessmentRequested', '2023-01-09', { requestId: 'req-1', requestedBy: 'parent' }),
    ev('DecisionToAssessMade', '2023-02-13', { requestId: 'req-1', decision: 'not-assess' }),
    ev('AppealLodged', '2023-03-01', { appealId: 'app-1', against: 'refusal-to-assess', requestId: 'req-1' }),
    ev('AppealDecided', '2023-06-05', { appealId: 'app-1', outcome: 'upheld' }),
    ev('DecisionToAssessMade', '2023-06-15', { requestId: 'req-1', decision: 'assess' }),
    ev('DraftPlanIssued', '2023-08-14', { requestId: 'req-1' }),
    ev('FinalPlanIssued', '2023-09-04', { requestId: 'req-1', placement: 'Oak Primary' }),
    ev('ChildDetailsChanged', '2024-01-15', { area: 'south' }),
    ev('AnnualReviewMeetingHeld', '2024-06-03', {}),
    ev('AnnualReviewDecisionMade', '2024-06-20', { decision: 'maintain' }),
    ev('ReassessmentRequested', '2024-10-01', { requestId: 'req-2', requestedBy: 'parent' }),
    ev('ReassessmentDecisionMade', '2024-10-14', { requestId: 'req-2', decision: 'reassess' }),
    ev('FinalPlanIssued', '2025-01-27', { requestId: 'req-2', placement: 'Elm Academy' }),
  ];
  const history = journey.reduce<RecordedJourneyEvent[]>((h, e) => record(h, e), []);
  const views = computeClocks(history, '2025-11-30');

  it('every step is accepted by the order rules, including the reopened decision and the replacing plan', () => {
    expect(history).toHaveLength(journey.length);
    const state = foldJourney(history);
    expect(state.activePlan).toMatchObject({ requestId: 'req-2', issuedOn: '2025-01-27' });
    expect(state.endedPlans).toEqual([{ requestId: 'req-1', issuedOn: '2023-09-04', endedAs: 'replaced', endedOn: '2025-01-27', reason: 'req-2' }]);
    expect(state.child?.area).toBe('south');
  });

  it("the request's own clocks stay as history: decided in 5 weeks, and the 20 weeks closed by the refusal", () => {
    expect(clockOf(views, 'decision-to-assess', 'req-1')).toMatchObject({ status: 'met', dueOn: '2023-02-20', stoppedOn: '2023-02-13' });
    expect(clockOf(views, 'final-plan', 'req-1')).toMatchObject({ status: 'closed', dueOn: '2023-05-29', daysOverdue: 0 });
    expect(clockOf(views, 'plan-decision', 'req-1')).toBeUndefined();
  });

  it('the order (5 June 2023) is met: notice within 2 weeks (19 June), the plan within 14 weeks (11 September)', () => {
    expect(clockOf(views, 'appeal-compliance', 'app-1:notice')).toMatchObject({
      status: 'met',
      startedOn: '2023-06-05',
      dueOn: '2023-06-19',
      stoppedOn: '2023-06-15',
    });
    expect(clockOf(views, 'appeal-compliance', 'app-1:plan')).toMatchObject({ status: 'met', dueOn: '2023-09-11', stoppedOn: '2023-09-04' });
  });

  it('the first plan was reviewed in time, and its second review period closed when the new plan replaced it', () => {
    expect(clockOf(views, 'annual-review', 'plan:req-1:review:1')).toMatchObject({ status: 'met', dueOn: '2024-09-03', stoppedOn: '2024-06-20' });
    expect(clockOf(views, 'review-decision')).toMatchObject({ status: 'met', dueOn: '2024-07-01', stoppedOn: '2024-06-20' });
    expect(clockOf(views, 'annual-review', 'plan:req-1:review:2')).toMatchObject({ status: 'closed', dueOn: '2025-06-19', daysOverdue: 0 });
  });

  it('the re-assessment was decided within 15 days and its plan issued 7 days after the 14 weeks', () => {
    expect(clockOf(views, 'reassessment-decision', 'req-2')).toMatchObject({ status: 'met', dueOn: '2024-10-16', stoppedOn: '2024-10-14' });
    expect(clockOf(views, 'reassessment-final-plan', 'req-2')).toMatchObject({
      status: 'met-late',
      startedOn: '2024-10-14',
      dueOn: '2025-01-20',
      stoppedOn: '2025-01-27',
      daysOverdue: 7,
    });
  });

  it('the new plan restarts the annual review, and the Year 7 transfer is due before 15 February 2026', () => {
    expect(clockOf(views, 'annual-review', 'plan:req-2:review:1')).toMatchObject({ status: 'running', startedOn: '2025-01-27', dueOn: '2026-01-26' });
    expect(clockOf(views, 'phase-transfer', 'year-7-2026')).toMatchObject({ status: 'running', startedOn: '2025-09-01', dueOn: '2026-02-14' });
  });
});

describe('appeals and the plan that must continue', () => {
  const planInForce = [
    registered,
    requested,
    assess,
    ev('FinalPlanIssued', '2024-05-20', { requestId: 'req-1', placement: 'Oak Primary' }),
    ev('AnnualReviewDecisionMade', '2025-04-01', { decision: 'cease' }),
    ev('AppealLodged', '2025-04-20', { appealId: 'app-9', against: 'cease' }),
    ev('AppealConceded', '2025-05-12', { appealId: 'app-9' }),
  ];

  it('a PlanCeased dated after a conceded appeal against ceasing is refused (reg 45)', () => {
    expect(refusal(stream(...planInForce), ev('PlanCeased', '2025-06-01', { reason: 'no longer needed' }))).toMatchObject({
      code: 'PLAN_CONTINUES_BY_ORDER',
      details: { appealId: 'app-9', orderOn: '2025-05-12' },
    });
  });

  it('an upheld appeal against the plan contents must be acted on by an amended plan within 5 weeks', () => {
    const events = stream(
      registered,
      requested,
      assess,
      ev('FinalPlanIssued', '2024-05-20', { requestId: 'req-1', placement: 'Oak Primary' }),
      ev('AppealLodged', '2024-07-01', { appealId: 'app-2', against: 'plan-contents', requestId: 'req-1' }),
      ev('AppealDecided', '2024-11-04', { appealId: 'app-2', outcome: 'upheld' }),
    );
    expect(clockOf(computeClocks(events, '2024-12-20'), 'appeal-compliance', 'app-2:amendment')).toMatchObject({
      status: 'breached',
      dueOn: '2024-12-09',
      daysOverdue: 11,
    });
  });
});

describe('phase transfers beyond Reception, Year 7 and post-16', () => {
  const planned = (school: string): JourneyEvent[] => [
    { ...registered, data: { ...(registered.data as object), dateOfBirth: '2017-11-02', school } } as JourneyEvent,
    ev('EhcNeedsAssessmentRequested', '2023-01-09', { requestId: 'req-1', requestedBy: 'parent' }),
    ev('DecisionToAssessMade', '2023-02-13', { requestId: 'req-1', decision: 'assess' }),
    ev('FinalPlanIssued', '2023-05-22', { requestId: 'req-1', placement: school }),
  ];

  it('a child at an infant school (cohort 2017) has a transfer clock due 14 February 2024 (C+7)', () => {
    const views = computeClocks(stream(...planned('Meadow Infant School')), '2023-12-01');
    expect(clockOf(views, 'phase-transfer', 'year-3-2024')).toMatchObject({ status: 'running', startedOn: '2023-09-01', dueOn: '2024-02-14' });
  });

  it('a child at a primary school has no infant-school transfer clock', () => {
    expect(clockOf(computeClocks(stream(...planned('Oak Primary')), '2023-12-01'), 'phase-transfer', 'year-3-2024')).toBeUndefined();
  });

  it('a plan first issued after 1 September of the year before the transfer still gets the clock, from its issue date', () => {
    const lateIssued = stream(
      { ...registered, data: { ...(registered.data as object), dateOfBirth: '2013-10-01' } } as JourneyEvent,
      ev('EhcNeedsAssessmentRequested', '2024-06-03', { requestId: 'req-1', requestedBy: 'school' }),
      ev('DecisionToAssessMade', '2024-07-01', { requestId: 'req-1', decision: 'assess' }),
      ev('FinalPlanIssued', '2024-10-14', { requestId: 'req-1', placement: 'Oak Primary' }),
    );
    expect(clockOf(computeClocks(lateIssued, '2024-11-01'), 'phase-transfer', 'year-7-2025')).toMatchObject({
      startedOn: '2024-10-14',
      dueOn: '2025-02-14',
    });
  });

  it('a post-16 move named to start later is due 5 months before the start (reg 18(2))', () => {
    const youngPerson = stream(
      { ...registered, data: { ...(registered.data as object), dateOfBirth: '2007-10-01' } } as JourneyEvent,
      requested,
      assess,
      ev('FinalPlanIssued', '2024-05-20', { requestId: 'req-1', placement: 'Taunton College' }),
      ev('PlacementNamed', '2024-10-01', { placementId: 'pl-2', ukprn: '10006549', startedOn: '2025-04-22', rank: 1 }),
    );
    expect(clockOf(computeClocks(youngPerson, '2024-10-02'), 'phase-transfer', 'post-16-move-pl-2')).toMatchObject({
      startedOn: '2024-10-01',
      dueOn: '2024-11-22',
      source: 'reg 18(2)',
    });
  });
});

describe('the sixth-day duty', () => {
  it('a suspension of more than 5 school days carries sixthDayProvision; one of 5 days does not', () => {
    const events = stream(
      registered,
      ev('SuspensionRecorded', '2024-10-07', { suspensionId: 's-1', school: 'Oak Primary', schoolDays: 5.5, reason: 'damage' }),
      ev('SuspensionRecorded', '2024-11-04', { suspensionId: 's-2', school: 'Oak Primary', schoolDays: 5, reason: 'damage' }),
    );
    const state = foldJourney(events);
    expect(state.suspensions['s-1']).toMatchObject({ sixthDayProvision: true });
    expect(state.suspensions['s-2']).toMatchObject({ sixthDayProvision: false });
  });
});

describe('finding 5 (load-and-faults review): ids named like Object.prototype members are ids like any other', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a suspension id %s: rescinding an unknown one is refused, recording a new one accepted',
    (id) => {
      const child = stream(registered);
      expect(refusal(child, ev('SuspensionRescinded', '2024-10-08', { suspensionId: id }))).toMatchObject({ code: 'SUSPENSION_NOT_FOUND' });
      const recorded = record(
        child,
        ev('SuspensionRecorded', '2024-10-07', { suspensionId: id, school: 'Oak Primary', schoolDays: 1, reason: 'damage' }),
      );
      expect(foldJourney(recorded).suspensions[id]).toMatchObject({ suspensionId: id, schoolDays: 1 });
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'as a referral, request and advice id, %s is new until recorded and found once it is',
    (id) => {
      let journey = stream(registered);
      expect(refusal(journey, ev('PreAssessmentStarted', '2024-01-09', { referralId: id }))).toMatchObject({ code: 'REFERRAL_NOT_FOUND' });
      expect(refusal(journey, ev('PermanentExclusionOverturned', '2024-01-09', { exclusionId: id }))).toMatchObject({ code: 'EXCLUSION_NOT_FOUND' });
      journey = record(journey, ev('ReferralReceived', '2024-01-08', { referralId: id, service: 'autism-assessment', source: 'school' }));
      journey = record(journey, ev('PreAssessmentStarted', '2024-01-09', { referralId: id }));
      journey = record(journey, ev('EhcNeedsAssessmentRequested', '2024-01-10', { requestId: id, requestedBy: 'parent' }));
      expect(refusal(journey, ev('AdviceReceived', '2024-01-11', { requestId: id, adviceId: id }))).toMatchObject({ code: 'ADVICE_NOT_FOUND' });
      journey = record(journey, ev('AdviceRequested', '2024-01-11', { requestId: id, adviceId: id, adviceType: 'health' }));
      journey = record(journey, ev('AdviceReceived', '2024-01-12', { requestId: id, adviceId: id }));
      expect(clockOf(computeClocks(journey, '2024-02-01'), 'advice', id)).toMatchObject({ status: 'met', stoppedOn: '2024-01-12' });
    },
  );
});
