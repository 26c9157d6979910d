import type {
  DiagnosticOutcomeRecorded,
  InitialAppointmentHeld,
  JourneyEventType,
  MdtTriageCompleted,
  PreAssessmentInformationReceived,
  PreAssessmentStarted,
  ReferralClosed,
  ReferralReceived,
} from '../../events';
import { JourneyRuleViolation } from '../../errors';
import { SERVICE_NAMES } from '../current-stages.view';
import type { JourneyState, JourneyReferral } from '../journey.state';
import { entryOf, hasEntry } from '../records';
import { STEP_LABELS } from './step-labels';
import { assertNotAfterNextSteps, assertNotBeforePreviousSteps, earliest, latest, type DatedStep } from './step-order.rule';

/**
 * Referrals and the ASD pathway (docs/domain-rules.md sections 1, 3 and 4.4):
 * referral → pre-assessment → MDT triage → initial appointment → diagnostic outcome.
 * Pre-assessment information may arrive at any time after pre-assessment starts (also after a
 * triage that asked for more), and a triage may be repeated, so those two are not ordered
 * against each other.
 */

export function assertReferralReceived({ data }: ReferralReceived, state: JourneyState): void {
  if (hasEntry(state.referrals, data.referralId)) {
    throw new JourneyRuleViolation(
      'REFERRAL_ID_IN_USE',
      `Referral ${data.referralId} is already recorded for this child. Use a new referral id for a new referral.`,
      { referralId: data.referralId },
    );
  }
}

export function assertPreAssessmentStarted({ occurredOn, data }: PreAssessmentStarted, state: JourneyState): void {
  const r = openAutismReferral(state, data.referralId, 'PreAssessmentStarted');
  assertNotYetRecorded(r, 'PreAssessmentStarted', r.preAssessmentStartedOn);
  const context = { referralId: r.referralId };
  assertNotBeforePreviousSteps('PreAssessmentStarted', occurredOn, [received(r)], context);
  assertNotAfterNextSteps(
    'PreAssessmentStarted',
    occurredOn,
    [
      { step: 'PreAssessmentInformationReceived', on: earliest(r.preAssessmentInformation.map((i) => i.receivedOn)) },
      { step: 'MdtTriageCompleted', on: earliest(r.mdtTriages.map((t) => t.completedOn)) },
      { step: 'InitialAppointmentHeld', on: r.initialAppointmentOn },
      { step: 'DiagnosticOutcomeRecorded', on: r.diagnosticOutcomeOn },
    ],
    context,
  );
}

export function assertPreAssessmentInformationReceived({ occurredOn, data }: PreAssessmentInformationReceived, state: JourneyState): void {
  const r = openAutismReferral(state, data.referralId, 'PreAssessmentInformationReceived');
  assertNotBeforePreviousSteps('PreAssessmentInformationReceived', occurredOn, [received(r), preAssessment(r)], {
    referralId: r.referralId,
  });
}

export function assertMdtTriageCompleted({ occurredOn, data }: MdtTriageCompleted, state: JourneyState): void {
  const r = openAutismReferral(state, data.referralId, 'MdtTriageCompleted');
  const context = { referralId: r.referralId };
  assertNotBeforePreviousSteps('MdtTriageCompleted', occurredOn, [received(r), preAssessment(r)], context);
  assertNotAfterNextSteps(
    'MdtTriageCompleted',
    occurredOn,
    [
      { step: 'InitialAppointmentHeld', on: r.initialAppointmentOn },
      { step: 'DiagnosticOutcomeRecorded', on: r.diagnosticOutcomeOn },
    ],
    context,
  );
}

/** Any service: for autism the diagnostic assessment starts; for the others the child is first seen. */
export function assertInitialAppointmentHeld({ occurredOn, data }: InitialAppointmentHeld, state: JourneyState): void {
  const r = openReferral(state, data.referralId, 'InitialAppointmentHeld');
  assertNotYetRecorded(r, 'InitialAppointmentHeld', r.initialAppointmentOn);
  const context = { referralId: r.referralId };
  assertNotBeforePreviousSteps('InitialAppointmentHeld', occurredOn, [received(r), preAssessment(r), lastTriage(r)], context);
  assertNotAfterNextSteps('InitialAppointmentHeld', occurredOn, [{ step: 'DiagnosticOutcomeRecorded', on: r.diagnosticOutcomeOn }], context);
}

export function assertDiagnosticOutcomeRecorded({ occurredOn, data }: DiagnosticOutcomeRecorded, state: JourneyState): void {
  const r = openAutismReferral(state, data.referralId, 'DiagnosticOutcomeRecorded');
  assertNotYetRecorded(r, 'DiagnosticOutcomeRecorded', r.diagnosticOutcomeOn);
  assertNotBeforePreviousSteps(
    'DiagnosticOutcomeRecorded',
    occurredOn,
    [received(r), preAssessment(r), lastTriage(r), { step: 'InitialAppointmentHeld', on: r.initialAppointmentOn }],
    { referralId: r.referralId },
  );
}

/** Closing ends the referral, so it cannot be dated before anything recorded in it. */
export function assertReferralClosed({ occurredOn, data }: ReferralClosed, state: JourneyState): void {
  const r = openReferral(state, data.referralId, 'ReferralClosed');
  assertNotBeforePreviousSteps(
    'ReferralClosed',
    occurredOn,
    [
      received(r),
      preAssessment(r),
      { step: 'PreAssessmentInformationReceived', on: latest(r.preAssessmentInformation.map((i) => i.receivedOn)) },
      lastTriage(r),
      { step: 'InitialAppointmentHeld', on: r.initialAppointmentOn },
      { step: 'DiagnosticOutcomeRecorded', on: r.diagnosticOutcomeOn },
    ],
    { referralId: r.referralId },
  );
}

function openReferral(state: JourneyState, referralId: string, step: JourneyEventType): JourneyReferral {
  const r = entryOf(state.referrals, referralId);
  if (r === undefined) {
    throw new JourneyRuleViolation(
      'REFERRAL_NOT_FOUND',
      `There is no referral ${referralId} for this child. Record ReferralReceived before ${STEP_LABELS[step]}.`,
      { referralId, step },
    );
  }
  if (r.status === 'closed') {
    throw new JourneyRuleViolation(
      'REFERRAL_CLOSED',
      `Referral ${referralId} was closed on ${r.closedOn}. To record more steps, void the ReferralClosed entry first, or record a new referral.`,
      { referralId, step, closedOn: r.closedOn },
    );
  }
  return r;
}

/** Pre-assessment, MDT triage and the diagnostic outcome belong to the ASD pathway only. */
function openAutismReferral(state: JourneyState, referralId: string, step: JourneyEventType): JourneyReferral {
  const r = openReferral(state, referralId, step);
  if (r.service !== 'autism-assessment') {
    throw new JourneyRuleViolation(
      'NOT_AN_AUTISM_REFERRAL',
      `Referral ${referralId} is a ${SERVICE_NAMES[r.service]} referral; ${step} belongs to the autism assessment pathway only.`,
      { referralId, step, service: r.service },
    );
  }
  return r;
}

/** One-off steps: a second entry is almost always a duplicate; a wrong one is corrected by voiding it. */
function assertNotYetRecorded(r: JourneyReferral, step: JourneyEventType, recordedOn: string | null): void {
  if (recordedOn === null) return;
  throw new JourneyRuleViolation(
    'STEP_ALREADY_RECORDED',
    `For referral ${r.referralId}, ${STEP_LABELS[step]} is already recorded (${recordedOn}). To correct it, void that entry and record it again.`,
    { referralId: r.referralId, step, recordedOn },
  );
}

const received = (r: JourneyReferral): DatedStep => ({ step: 'ReferralReceived', on: r.receivedOn });
const preAssessment = (r: JourneyReferral): DatedStep => ({ step: 'PreAssessmentStarted', on: r.preAssessmentStartedOn });
const lastTriage = (r: JourneyReferral): DatedStep => ({ step: 'MdtTriageCompleted', on: latest(r.mdtTriages.map((t) => t.completedOn)) });
