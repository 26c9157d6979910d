import type { AppealConceded, AppealDecided, AppealLodged, JourneyEventType, MediationRecorded } from '../../events';
import { JourneyRuleViolation } from '../../errors';
import type { JourneyAppeal, JourneyState } from '../journey.state';
import { entryOf, hasEntry } from '../records';
import { requestOfKind, requested } from './ehc-request.rules';
import { STEP_LABELS } from './step-labels';
import { assertNotBeforePreviousSteps } from './step-order.rule';

/** Mediation (CFA 2014 s.52–53) may be about a request, an assessment or a plan; a named request must exist. */
export function assertMediationRecorded({ type, occurredOn, data }: MediationRecorded, state: JourneyState): void {
  if (hasEntry(state.mediations, data.mediationId)) {
    throw new JourneyRuleViolation(
      'MEDIATION_ID_IN_USE',
      `Mediation ${data.mediationId} is already recorded for this child. Use a new mediation id.`,
      { mediationId: data.mediationId },
    );
  }
  if (data.requestId === undefined) return;
  const r = requestOfKind(state, data.requestId, type, null);
  assertNotBeforePreviousSteps(type, occurredOn, [requested(r)], { requestId: r.requestId, mediationId: data.mediationId });
}

/** An appeal to the First-tier Tribunal (SEND) (CFA 2014 s.51); a named request must exist. */
export function assertAppealLodged({ type, occurredOn, data }: AppealLodged, state: JourneyState): void {
  if (hasEntry(state.appeals, data.appealId)) {
    throw new JourneyRuleViolation('APPEAL_ID_IN_USE', `Appeal ${data.appealId} is already recorded for this child. Use a new appeal id.`, {
      appealId: data.appealId,
    });
  }
  if (data.requestId === undefined) return;
  const r = requestOfKind(state, data.requestId, type, null);
  assertNotBeforePreviousSteps(type, occurredOn, [requested(r)], { requestId: r.requestId, appealId: data.appealId });
}

/** reg 45: a concession comes before the Tribunal decides, once. */
export function assertAppealConceded({ type, occurredOn, data }: AppealConceded, state: JourneyState): void {
  const appeal = undecidedAppeal(state, data.appealId, type);
  if (appeal.concededOn !== null) {
    throw new JourneyRuleViolation('APPEAL_ALREADY_CONCEDED', `Appeal ${appeal.appealId} was already conceded on ${appeal.concededOn}.`, {
      appealId: appeal.appealId,
      concededOn: appeal.concededOn,
    });
  }
  assertNotBeforePreviousSteps(type, occurredOn, [{ step: 'AppealLodged', on: appeal.lodgedOn }], { appealId: appeal.appealId });
}

export function assertAppealDecided({ type, occurredOn, data }: AppealDecided, state: JourneyState): void {
  const appeal = undecidedAppeal(state, data.appealId, type);
  assertNotBeforePreviousSteps(
    type,
    occurredOn,
    [
      { step: 'AppealLodged', on: appeal.lodgedOn },
      { step: 'AppealConceded', on: appeal.concededOn },
    ],
    { appealId: appeal.appealId },
  );
}

function undecidedAppeal(state: JourneyState, appealId: string, step: JourneyEventType): JourneyAppeal {
  const appeal = entryOf(state.appeals, appealId);
  if (appeal === undefined) {
    throw new JourneyRuleViolation(
      'APPEAL_NOT_FOUND',
      `There is no appeal ${appealId} for this child. Record AppealLodged before ${STEP_LABELS[step]}.`,
      { appealId, step },
    );
  }
  if (appeal.decidedOn !== null) {
    throw new JourneyRuleViolation(
      'APPEAL_ALREADY_DECIDED',
      `Appeal ${appealId} was already decided (${String(appeal.outcome)}, ${appeal.decidedOn}). To correct it, void that entry first.`,
      { appealId, outcome: appeal.outcome, decidedOn: appeal.decidedOn },
    );
  }
  return appeal;
}
