import type { AppealGround, JourneyEvent, LocalDate, RecordedJourneyEvent } from '../events';
import { addWeeks, compareDates } from '../dates';
import { toClockView, type ClockContext, type ClockDraft, type ClockView } from './clock';

/**
 * `appeal-compliance` — SEND Regulations 2014 reg 44(2) (the LA must act on a Tribunal order within set
 * periods of the order) and reg 45(3)–(6) (the same periods run from the LA's notice to the Tribunal that
 * it will not oppose an appeal). One clock per step the order requires, keyed `<appealId>:<step>`, each
 * counted from the date D of `AppealDecided(upheld)` or `AppealConceded`, met by the first matching step
 * dated on or after D (on the appeal's request when it names one):
 * - refusal to assess or re-assess: `notice` (decision to assess / re-assess, D + 2 weeks), then `plan`
 *   (final plan, D + 14 weeks; or a decision not to issue, judged against D + 10 weeks);
 * - refusal to issue: `draft` (D + 5 weeks) and `final` (D + 11 weeks);
 * - plan contents or refusal to amend: `amendment` (amended plan, D + 5 weeks); placement only: D + 2 weeks.
 * An order against ceasing keeps the plan in force (a PlanCeased after D is refused) and starts no clock here.
 */
interface AppealOrder {
  readonly appealId: string;
  readonly against: AppealGround;
  readonly requestId: string | null;
  readonly orderOn: LocalDate;
}

type Step = Pick<ClockDraft, 'key' | 'dueOn' | 'stoppedOn'>;

export function appealComplianceClocks(ctx: ClockContext): ClockView[] {
  return appealOrders(ctx.events).flatMap((order) =>
    stepsOf(order, ctx.events).map((step) =>
      toClockView(
        {
          clock: 'appeal-compliance',
          key: `${order.appealId}:${step.key}`,
          appealId: order.appealId,
          ...(order.requestId !== null ? { requestId: order.requestId } : {}),
          startedOn: order.orderOn,
          dueOn: step.dueOn,
          stoppedOn: step.stoppedOn,
          closedOn: null,
          source: 'reg 44(2), reg 45',
        },
        ctx,
      ),
    ),
  );
}

function appealOrders(events: readonly RecordedJourneyEvent[]): AppealOrder[] {
  const lodged = new Map<string, { against: AppealGround; requestId: string | null }>();
  const orders = new Map<string, AppealOrder>();
  for (const { event } of events) {
    if (event.type === 'AppealLodged') lodged.set(event.data.appealId, { against: event.data.against, requestId: event.data.requestId ?? null });
    const binding = event.type === 'AppealConceded' || (event.type === 'AppealDecided' && event.data.outcome === 'upheld');
    if (!binding || orders.has(event.data.appealId)) continue;
    const appeal = lodged.get(event.data.appealId);
    if (appeal) orders.set(event.data.appealId, { appealId: event.data.appealId, ...appeal, orderOn: event.occurredOn });
  }
  return [...orders.values()];
}

function stepsOf(order: AppealOrder, events: readonly RecordedJourneyEvent[]): Step[] {
  const D = order.orderOn;
  const first = (matches: (e: JourneyEvent) => boolean): LocalDate | null =>
    events.find(({ event }) => compareDates(event.occurredOn, D) >= 0 && matches(event))?.event.occurredOn ?? null;
  const onRequest = (e: JourneyEvent): boolean => order.requestId === null || ('requestId' in e.data && e.data.requestId === order.requestId);
  switch (order.against) {
    case 'refusal-to-assess':
    case 'refusal-to-reassess': {
      const notice = first(
        (e) =>
          onRequest(e) &&
          ((e.type === 'DecisionToAssessMade' && e.data.decision === 'assess') ||
            (e.type === 'ReassessmentDecisionMade' && e.data.decision === 'reassess')),
      );
      const plan = first((e) => onRequest(e) && e.type === 'FinalPlanIssued');
      const notToIssue = first((e) => onRequest(e) && e.type === 'DecisionNotToIssuePlan');
      const endedByNotToIssue = notToIssue !== null && (plan === null || compareDates(notToIssue, plan) < 0);
      return [
        { key: 'notice', dueOn: addWeeks(D, 2), stoppedOn: notice },
        endedByNotToIssue ? { key: 'plan', dueOn: addWeeks(D, 10), stoppedOn: notToIssue } : { key: 'plan', dueOn: addWeeks(D, 14), stoppedOn: plan },
      ];
    }
    case 'refusal-to-issue':
      return [
        { key: 'draft', dueOn: addWeeks(D, 5), stoppedOn: first((e) => onRequest(e) && e.type === 'DraftPlanIssued') },
        { key: 'final', dueOn: addWeeks(D, 11), stoppedOn: first((e) => onRequest(e) && e.type === 'FinalPlanIssued') },
      ];
    case 'plan-contents':
    case 'refusal-to-amend':
      return [{ key: 'amendment', dueOn: addWeeks(D, 5), stoppedOn: first((e) => e.type === 'AmendedPlanIssued') }];
    case 'placement':
      return [{ key: 'amendment', dueOn: addWeeks(D, 2), stoppedOn: first((e) => e.type === 'AmendedPlanIssued') }];
    case 'cease':
      return [];
  }
}
