import type {
  DiagnosticOutcomeRecorded,
  InitialAppointmentHeld,
  MdtTriageCompleted,
  PreAssessmentInformationReceived,
  PreAssessmentStarted,
  ReferralClosed,
  ReferralReceived,
} from '../../events';
import type { JourneyState, JourneyReferral } from '../journey.state';
import { withEntry } from '../records';
import { earlierOf, insertByDate, updateEntry } from './state-updates';

function updateReferral(state: JourneyState, referralId: string, update: (r: JourneyReferral) => JourneyReferral): JourneyState {
  return { ...state, referrals: updateEntry(state.referrals, referralId, update) };
}

export function referralReceived(state: JourneyState, { occurredOn, data }: ReferralReceived): JourneyState {
  const referral: JourneyReferral = {
    referralId: data.referralId,
    service: data.service,
    source: data.source,
    receivedOn: occurredOn,
    status: 'open',
    preAssessmentStartedOn: null,
    preAssessmentInformation: [],
    mdtTriages: [],
    mdtTriageOutcome: null,
    mdtTriageCompletedOn: null,
    initialAppointmentOn: null,
    diagnosticOutcome: null,
    diagnosticOutcomeOn: null,
    closedOn: null,
    closedReason: null,
  };
  return { ...state, referrals: withEntry(state.referrals, data.referralId, referral) };
}

export function preAssessmentStarted(state: JourneyState, { occurredOn, data }: PreAssessmentStarted): JourneyState {
  return updateReferral(state, data.referralId, (r) => ({
    ...r,
    preAssessmentStartedOn: earlierOf(r.preAssessmentStartedOn, occurredOn),
  }));
}

export function preAssessmentInformationReceived(state: JourneyState, { occurredOn, data }: PreAssessmentInformationReceived): JourneyState {
  return updateReferral(state, data.referralId, (r) => ({
    ...r,
    preAssessmentInformation: insertByDate(r.preAssessmentInformation, { from: data.from, receivedOn: occurredOn }, (i) => i.receivedOn),
  }));
}

/** A triage asking for more information is followed by another: the latest one stands. */
export function mdtTriageCompleted(state: JourneyState, { occurredOn, data }: MdtTriageCompleted): JourneyState {
  return updateReferral(state, data.referralId, (r) => {
    const mdtTriages = insertByDate(r.mdtTriages, { outcome: data.outcome, completedOn: occurredOn }, (t) => t.completedOn);
    const latest = mdtTriages[mdtTriages.length - 1];
    return { ...r, mdtTriages, mdtTriageOutcome: latest.outcome, mdtTriageCompletedOn: latest.completedOn };
  });
}

export function initialAppointmentHeld(state: JourneyState, { occurredOn, data }: InitialAppointmentHeld): JourneyState {
  return updateReferral(state, data.referralId, (r) => ({
    ...r,
    initialAppointmentOn: earlierOf(r.initialAppointmentOn, occurredOn),
  }));
}

export function diagnosticOutcomeRecorded(state: JourneyState, { occurredOn, data }: DiagnosticOutcomeRecorded): JourneyState {
  return updateReferral(state, data.referralId, (r) => ({
    ...r,
    diagnosticOutcome: data.outcome,
    diagnosticOutcomeOn: occurredOn,
  }));
}

export function referralClosed(state: JourneyState, { occurredOn, data }: ReferralClosed): JourneyState {
  return updateReferral(state, data.referralId, (r) => ({
    ...r,
    status: 'closed',
    closedOn: occurredOn,
    closedReason: data.reason,
  }));
}
