import { planTimelinessInputs } from '@sj/domain';
import type { Projection } from '../projection';

/** Every final EHC plan with its request date and whether a reg 10(4) exception applied: the 20-week report's input. */
export const timelinessProjection: Projection = {
  name: 'timeliness',
  version: 1,
  table: 'rm_final_plans',
  columns: ['child_id', 'request_id', 'received_on', 'final_issued_on', 'excepted'],
  schema: `
    CREATE TABLE IF NOT EXISTS rm_final_plans (
      child_id TEXT NOT NULL, request_id TEXT NOT NULL, received_on TEXT NOT NULL, final_issued_on TEXT NOT NULL,
      excepted INTEGER NOT NULL,
      PRIMARY KEY (child_id, request_id)
    );
    CREATE INDEX IF NOT EXISTS rm_final_plans_by_issue ON rm_final_plans (final_issued_on);
  `,
  handles: ['EhcNeedsAssessmentRequested', 'TimescaleExceptionRecorded', 'FinalPlanIssued'],
  rowsFor: ({ childId, events }) =>
    planTimelinessInputs(events).map((plan) => ({
      child_id: childId,
      request_id: plan.requestId,
      received_on: plan.receivedOn,
      final_issued_on: plan.finalIssuedOn,
      excepted: plan.excepted ? 1 : 0,
    })),
};
