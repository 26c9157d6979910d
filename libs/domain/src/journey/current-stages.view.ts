import type { ReferralService } from '../events';
import type { JourneyAppeal, JourneyEhcRequest, JourneyState, JourneyReferral } from './journey.state';
import { entriesOf } from './records';

/** The names a caseworker uses for each service. */
export const SERVICE_NAMES: Readonly<Record<ReferralService, string>> = {
  'autism-assessment': 'autism assessment',
  camhs: 'CAMHS',
  'speech-and-language': 'speech and language therapy',
  'occupational-therapy': 'occupational therapy',
  physiotherapy: 'physiotherapy',
  portage: 'Portage',
};

/** Where an open autism referral is on the pathway: referral → pre-assessment → MDT triage → appointment → outcome. */
function autismStage(r: JourneyReferral): string {
  if (r.diagnosticOutcome !== null) return `diagnostic outcome recorded (${r.diagnosticOutcome})`;
  if (r.initialAppointmentOn !== null) return 'assessment under way, awaiting diagnostic outcome';
  if (r.mdtTriageOutcome === 'accepted') return 'awaiting initial appointment';
  if (r.mdtTriageOutcome === 'not-accepted') return 'not accepted at MDT triage';
  if (r.mdtTriageOutcome === 'more-information-needed') return 'more information needed for MDT triage';
  if (r.preAssessmentStartedOn !== null) return 'awaiting MDT triage';
  return 'awaiting pre-assessment';
}

function referralStage(r: JourneyReferral): string {
  const service = SERVICE_NAMES[r.service];
  if (r.service === 'autism-assessment') return `${service}: ${autismStage(r)}`;
  return `${service}: ${r.initialAppointmentOn === null ? 'awaiting first appointment' : 'seen'}`;
}

/** Requests that ended (not assessed, not to issue, plan issued) are no longer a current stage. */
function requestStage(r: JourneyEhcRequest): string | null {
  const name = r.kind === 'reassessment' ? 'EHC re-assessment' : 'EHC needs assessment';
  switch (r.status) {
    case 'awaiting-decision-to-assess':
      return `${name}: awaiting decision to assess`;
    case 'awaiting-decision-to-reassess':
      return `${name}: awaiting decision to re-assess`;
    case 'assessing':
      return `${name}: assessment under way`;
    case 'draft-plan-issued':
      return `${name}: draft plan issued, awaiting final plan`;
    default:
      return null;
  }
}

/** An appeal is a current stage until it is decided, or the LA concedes it. */
function appealStage(a: JourneyAppeal): string | null {
  if (a.decidedOn !== null || a.concededOn !== null) return null;
  return `Tribunal appeal against ${a.against.replace(/-/g, ' ')}: awaiting decision`;
}

function planStages(state: JourneyState): string[] {
  const plan = state.activePlan;
  if (plan === null) return [];
  const stages = ['EHC plan: active'];
  if (plan.lastReviewMeetingOn !== null && (plan.lastReviewDecisionOn === null || plan.lastReviewDecisionOn < plan.lastReviewMeetingOn)) {
    stages.push('EHC plan: annual review meeting held, awaiting decision');
  }
  const decidedOn = plan.lastReviewDecisionOn;
  if (plan.lastReviewDecision === 'amend' && decidedOn !== null && (plan.amendedOn === null || plan.amendedOn < decidedOn)) {
    stages.push('EHC plan: awaiting amended plan');
  }
  if (plan.lastReviewDecision === 'cease') stages.push('EHC plan: decision to cease');
  return stages;
}

/** What `GET /children/{id}/journey` shows as "current stages": open work only, oldest area first. */
export function currentStagesOf(state: JourneyState): string[] {
  if (state.child === null) return [];
  if (state.caseClosed !== null) return ['case closed'];
  return [
    ...entriesOf(state.referrals)
      .filter((r) => r.status === 'open')
      .map(referralStage),
    ...entriesOf(state.ehcRequests)
      .map(requestStage)
      .filter((s): s is string => s !== null),
    ...planStages(state),
    ...entriesOf(state.appeals)
      .map(appealStage)
      .filter((s): s is string => s !== null),
    ...entriesOf(state.permanentExclusions)
      .filter((x) => !x.overturned)
      .map((x) => `permanently excluded from ${x.school}`),
    ...entriesOf(state.partTimeTimetables)
      .filter((t) => t.status === 'open')
      .map((t) => `part-time timetable at ${t.school}`),
  ];
}
