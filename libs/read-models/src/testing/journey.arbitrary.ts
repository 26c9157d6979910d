import {
  addDays,
  ANNUAL_REVIEW_DECISIONS,
  APPEAL_GROUNDS,
  compareDates,
  DIAGNOSTIC_OUTCOMES,
  EXCLUSION_REASONS,
  JOURNEY_EVENT_SCHEMA_VERSIONS,
  MDT_TRIAGE_OUTCOMES,
  REFERRAL_SERVICES,
  TIMESCALE_EXCEPTIONS,
  type JourneyEvent,
  type LocalDate,
  type RecordedJourneyEvent,
} from '@sj/domain';
import fc from 'fast-check';

/*
 * Generated journeys for property tests of the read models: one child's events as a caseworker could
 * have typed them, most in date order, some typed in late (back-dated), a few voided, with moves between
 * areas (the registration is never voided: the order rules refuse that). Steps follow the ones before them in
 * date, but not every other order rule holds: projections must give an answer for any stream the log can hold.
 */

export const GENERATED_AREAS = ['north', 'south', 'east'] as const;
const FIRST_DAY: LocalDate = '2023-09-01';

const on = (days: number): LocalDate => addDays(FIRST_DAY, days);
const after = (min: number, max: number) => fc.integer({ min, max });
/** Present one time in `oneIn` (half the time by default). */
const maybe = <T>(arb: fc.Arbitrary<T>, oneIn = 2) =>
  fc.oneof({ arbitrary: arb, weight: 1 }, { arbitrary: fc.constant(undefined), weight: oneIn - 1 });

const referralArb = fc.record({
  service: fc.oneof(fc.constant('autism-assessment' as const), fc.constantFrom(...REFERRAL_SERVICES)),
  receivedAt: after(0, 500),
  preAssessment: maybe(after(1, 60)),
  information: maybe(after(1, 30)),
  triages: fc.array(fc.record({ after: after(1, 120), outcome: fc.constantFrom(...MDT_TRIAGE_OUTCOMES) }), { maxLength: 2 }),
  seen: maybe(after(10, 400), 3),
  diagnosis: maybe(fc.record({ after: after(1, 60), outcome: fc.constantFrom(...DIAGNOSTIC_OUTCOMES) })),
  closed: maybe(after(5, 400), 4),
});

const requestArb = fc.record({
  receivedAt: after(0, 400),
  decision: maybe(fc.record({ after: after(5, 120), assess: fc.boolean() })),
  advice: fc.array(fc.record({ after: after(0, 20), received: maybe(after(10, 80)) }), { maxLength: 2 }),
  exception: maybe(fc.record({ after: after(1, 200), kind: fc.constantFrom(...TIMESCALE_EXCEPTIONS) })),
  notIssue: maybe(after(60, 200)),
  draft: maybe(after(60, 200)),
  final: maybe(after(15, 80)),
  review: maybe(
    fc.record({
      meeting: after(250, 420),
      decision: maybe(fc.record({ after: after(1, 60), decision: fc.constantFrom(...ANNUAL_REVIEW_DECISIONS) })),
      amended: maybe(after(10, 90)),
      ceased: maybe(after(10, 60)),
    }),
  ),
  reassessment: maybe(
    fc.record({ after: after(30, 300), decision: maybe(fc.record({ after: after(3, 30), reassess: fc.boolean() })), final: maybe(after(30, 120)) }),
  ),
  appeal: maybe(
    fc.record({
      after: after(10, 120),
      against: fc.constantFrom(...APPEAL_GROUNDS),
      resolution: maybe(fc.record({ after: after(20, 120), how: fc.constantFrom('conceded', 'upheld', 'dismissed') })),
      compliance: maybe(after(5, 100)),
    }),
  ),
});

const inclusionArb = fc.record({
  suspensions: fc.array(fc.record({ at: after(0, 700), days: fc.constantFrom(0.5, 1, 2, 3, 5, 10, 16), rescinded: maybe(after(1, 40)) }), {
    maxLength: 5,
  }),
  exclusion: maybe(fc.record({ at: after(0, 700), overturned: maybe(after(5, 60)) })),
  partTime: maybe(fc.record({ at: after(0, 600), ended: maybe(after(10, 90)) })),
});

const detailsArb = fc.record({
  at: after(0, 700),
  area: maybe(fc.constantFrom(...GENERATED_AREAS)),
  school: maybe(fc.constantFrom('Oak Primary', 'Elm Academy')),
  caseworker: maybe(fc.constantFrom('cw-1', 'cw-2')),
});

const extrasArb = fc.record({
  placement: maybe(fc.record({ at: after(0, 700), startsAfter: after(0, 200), post16: fc.boolean() })),
  personalBudget: maybe(after(0, 700)),
  mediation: maybe(after(0, 700)),
  caseClosed: maybe(after(300, 900), 5),
});

export interface GeneratedJourney {
  readonly childId: string;
  /** In recording order: stream revision n is `events[n]`, its event id `<childId>-<n>`. */
  readonly events: readonly JourneyEvent[];
}

/** One child's journey, its event ids `<childId>-<n>` as the read-model fixture records them. */
export function journeyArbitrary(childId: string): fc.Arbitrary<GeneratedJourney> {
  return fc
    .record({
      registeredAt: after(0, 60),
      area: fc.constantFrom(...GENERATED_AREAS),
      bornYearsBefore: after(2, 17),
      referrals: fc.array(referralArb, { maxLength: 2 }),
      requests: fc.array(requestArb, { maxLength: 2 }),
      inclusion: inclusionArb,
      details: fc.array(detailsArb, { maxLength: 3 }),
      extras: extrasArb,
      lateEntries: fc.array(fc.nat(), { maxLength: 3 }),
      voids: fc.array(fc.record({ target: fc.nat(), after: after(0, 30) }), { maxLength: 2 }),
    })
    .map((choice) => {
      const dated: JourneyEvent[] = [];
      const add = (event: JourneyEvent) => dated.push(event);
      const registeredOn = on(choice.registeredAt);
      add({
        type: 'ChildRegistered',
        occurredOn: registeredOn,
        data: {
          givenName: 'Gen',
          familyName: 'Erated',
          dateOfBirth: addDays(registeredOn, -365 * choice.bornYearsBefore - 100),
          area: choice.area,
          school: 'Oak Primary',
          caseworker: 'cw-1',
        },
      });

      choice.referrals.forEach((r, i) => {
        const referralId = `ref-${i}`;
        const receivedOn = on(r.receivedAt);
        add({ type: 'ReferralReceived', occurredOn: receivedOn, data: { referralId, service: r.service, source: 'school' } });
        let last = receivedOn;
        // the pre-assessment and MDT triage are steps of the autism pathway only
        if (r.service === 'autism-assessment') {
          if (r.preAssessment !== undefined)
            add({ type: 'PreAssessmentStarted', occurredOn: (last = addDays(last, r.preAssessment)), data: { referralId } });
          if (r.information !== undefined)
            add({
              type: 'PreAssessmentInformationReceived',
              occurredOn: (last = addDays(last, r.information)),
              data: { referralId, from: 'school' },
            });
          for (const t of r.triages)
            add({ type: 'MdtTriageCompleted', occurredOn: (last = addDays(last, t.after)), data: { referralId, outcome: t.outcome } });
        }
        if (r.seen !== undefined) {
          add({ type: 'InitialAppointmentHeld', occurredOn: (last = addDays(last, r.seen)), data: { referralId } });
          if (r.diagnosis)
            add({
              type: 'DiagnosticOutcomeRecorded',
              occurredOn: addDays(last, r.diagnosis.after),
              data: { referralId, outcome: r.diagnosis.outcome },
            });
        }
        if (r.closed !== undefined)
          add({ type: 'ReferralClosed', occurredOn: addDays(receivedOn, r.closed), data: { referralId, reason: 'closed' } });
      });

      choice.requests.forEach((q, i) => {
        const requestId = `req-${i}`;
        const receivedOn = on(q.receivedAt);
        add({ type: 'EhcNeedsAssessmentRequested', occurredOn: receivedOn, data: { requestId, requestedBy: 'parent' } });
        const decidedOn = q.decision ? addDays(receivedOn, q.decision.after) : undefined;
        if (q.decision && decidedOn)
          add({ type: 'DecisionToAssessMade', occurredOn: decidedOn, data: { requestId, decision: q.decision.assess ? 'assess' : 'not-assess' } });
        q.advice.forEach((a, j) => {
          const adviceId = `${requestId}-adv-${j}`;
          const askedOn = addDays(decidedOn ?? receivedOn, a.after);
          add({ type: 'AdviceRequested', occurredOn: askedOn, data: { requestId, adviceId, adviceType: 'health' } });
          if (a.received !== undefined) add({ type: 'AdviceReceived', occurredOn: addDays(askedOn, a.received), data: { requestId, adviceId } });
        });
        if (q.exception)
          add({
            type: 'TimescaleExceptionRecorded',
            occurredOn: addDays(receivedOn, q.exception.after),
            data: { requestId, exception: q.exception.kind },
          });
        if (q.notIssue !== undefined) add({ type: 'DecisionNotToIssuePlan', occurredOn: addDays(receivedOn, q.notIssue), data: { requestId } });
        let finalOn: LocalDate | undefined;
        if (q.draft !== undefined) {
          const draftOn = addDays(receivedOn, q.draft);
          add({ type: 'DraftPlanIssued', occurredOn: draftOn, data: { requestId } });
          if (q.final !== undefined)
            add({ type: 'FinalPlanIssued', occurredOn: (finalOn = addDays(draftOn, q.final)), data: { requestId, placement: 'Oak Primary' } });
        }
        if (finalOn && q.review) {
          const meetingOn = addDays(finalOn, q.review.meeting);
          add({ type: 'AnnualReviewMeetingHeld', occurredOn: meetingOn, data: {} });
          if (q.review.decision) {
            const reviewDecidedOn = addDays(meetingOn, q.review.decision.after);
            add({ type: 'AnnualReviewDecisionMade', occurredOn: reviewDecidedOn, data: { decision: q.review.decision.decision } });
            if (q.review.amended !== undefined)
              add({
                type: 'AmendedPlanIssued',
                occurredOn: addDays(reviewDecidedOn, q.review.amended),
                data: { placement: 'Elm Academy', ...(q.review.amended % 2 === 0 ? { phaseTransfer: true } : {}) },
              });
            if (q.review.ceased !== undefined)
              add({ type: 'PlanCeased', occurredOn: addDays(reviewDecidedOn, q.review.ceased), data: { reason: 'needs met' } });
          }
        }
        if (finalOn && q.reassessment) {
          const reassessmentId = `${requestId}-re`;
          const askedOn = addDays(finalOn, q.reassessment.after);
          add({ type: 'ReassessmentRequested', occurredOn: askedOn, data: { requestId: reassessmentId, requestedBy: 'school' } });
          if (q.reassessment.decision) {
            const reDecidedOn = addDays(askedOn, q.reassessment.decision.after);
            add({
              type: 'ReassessmentDecisionMade',
              occurredOn: reDecidedOn,
              data: { requestId: reassessmentId, decision: q.reassessment.decision.reassess ? 'reassess' : 'not-reassess' },
            });
            if (q.reassessment.final !== undefined)
              add({
                type: 'FinalPlanIssued',
                occurredOn: addDays(reDecidedOn, q.reassessment.final),
                data: { requestId: reassessmentId, placement: 'Elm Academy' },
              });
          }
        }
        if (q.appeal) {
          const appealId = `${requestId}-appeal`;
          const lodgedOn = addDays(decidedOn ?? receivedOn, q.appeal.after);
          add({ type: 'AppealLodged', occurredOn: lodgedOn, data: { appealId, against: q.appeal.against, requestId } });
          if (q.appeal.resolution) {
            const resolvedOn = addDays(lodgedOn, q.appeal.resolution.after);
            if (q.appeal.resolution.how === 'conceded') add({ type: 'AppealConceded', occurredOn: resolvedOn, data: { appealId } });
            else add({ type: 'AppealDecided', occurredOn: resolvedOn, data: { appealId, outcome: q.appeal.resolution.how } });
            // the step the order requires, on the same request
            if (q.appeal.compliance !== undefined)
              add({ type: 'DecisionToAssessMade', occurredOn: addDays(resolvedOn, q.appeal.compliance), data: { requestId, decision: 'assess' } });
          }
        }
      });

      choice.inclusion.suspensions.forEach((s, i) => {
        const suspensionId = `s-${i}`;
        add({
          type: 'SuspensionRecorded',
          occurredOn: on(s.at),
          data: { suspensionId, school: 'Oak Primary', schoolDays: s.days, reason: EXCLUSION_REASONS[i % EXCLUSION_REASONS.length] },
        });
        if (s.rescinded !== undefined) add({ type: 'SuspensionRescinded', occurredOn: on(s.at + s.rescinded), data: { suspensionId } });
      });
      const { exclusion, partTime } = choice.inclusion;
      if (exclusion) {
        add({
          type: 'PermanentExclusionRecorded',
          occurredOn: on(exclusion.at),
          data: { exclusionId: 'x-0', school: 'Oak Primary', reason: 'damage' },
        });
        if (exclusion.overturned !== undefined)
          add({ type: 'PermanentExclusionOverturned', occurredOn: on(exclusion.at + exclusion.overturned), data: { exclusionId: 'x-0' } });
      }
      if (partTime) {
        add({ type: 'PartTimeTimetableStarted', occurredOn: on(partTime.at), data: { school: 'Oak Primary' } });
        if (partTime.ended !== undefined)
          add({ type: 'PartTimeTimetableEnded', occurredOn: on(partTime.at + partTime.ended), data: { school: 'Oak Primary' } });
      }
      for (const d of choice.details) {
        const data = {
          ...(d.area ? { area: d.area } : {}),
          ...(d.school ? { school: d.school } : {}),
          ...(d.caseworker ? { caseworker: d.caseworker } : {}),
        };
        if (Object.keys(data).length > 0) add({ type: 'ChildDetailsChanged', occurredOn: on(d.at), data });
      }
      const { placement, personalBudget, mediation, caseClosed } = choice.extras;
      if (placement) {
        add({
          type: 'PlacementNamed',
          occurredOn: on(placement.at),
          data: {
            placementId: 'p-0',
            ...(placement.post16 ? { ukprn: '10001234' } : { urn: '123456' }),
            startedOn: on(placement.at + placement.startsAfter),
            rank: 1,
          },
        });
      }
      if (personalBudget !== undefined) add({ type: 'PersonalBudgetAgreed', occurredOn: on(personalBudget), data: { kind: 'direct-payments' } });
      if (mediation !== undefined) add({ type: 'MediationRecorded', occurredOn: on(mediation), data: { mediationId: 'm-0', about: 'plan' } });
      if (caseClosed !== undefined) add({ type: 'CaseClosed', occurredOn: on(caseClosed), data: { reason: 'moved out of the local authority' } });

      // typed in date order (the registration first), except a few typed in late, after everything else
      const [registration, ...rest] = dated;
      const ordered = rest
        .map((event, i) => ({ event, i }))
        .sort((a, b) => compareDates(a.event.occurredOn, b.event.occurredOn) || a.i - b.i)
        .map((x) => x.event);
      const late = new Set(choice.lateEntries.filter(() => ordered.length > 0).map((n) => n % ordered.length));
      const recorded = [registration, ...ordered.filter((_, i) => !late.has(i)), ...ordered.filter((_, i) => late.has(i))];
      const lastDay = recorded.reduce((max, e) => (compareDates(e.occurredOn, max) > 0 ? e.occurredOn : max), FIRST_DAY);
      // any entry but the registration, which cannot be voided
      const voids =
        recorded.length < 2
          ? []
          : choice.voids.map((v): JourneyEvent => ({
              type: 'EventVoided',
              occurredOn: addDays(lastDay, v.after),
              data: { eventId: `${childId}-${1 + (v.target % (recorded.length - 1))}`, reason: 'recorded in error' },
            }));
      return { childId, events: [...recorded, ...voids] };
    });
}

/** A generated journey as read back from its stream (event ids `<childId>-<n>`, revisions from 0). */
export function recordedJourney({ childId, events }: GeneratedJourney): RecordedJourneyEvent[] {
  return events.map((event, n) => ({
    event,
    metadata: {
      eventId: `${childId}-${n}`,
      recordedAt: '2025-06-30T09:00:00.000Z',
      recordedBy: 'test',
      correlationId: childId,
      schemaVersion: JOURNEY_EVENT_SCHEMA_VERSIONS[event.type],
    },
    streamRevision: n,
  }));
}
