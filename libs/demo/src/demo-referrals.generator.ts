import { addDays, daysBetween, type LocalDate, type ReferralService, type ReferralSource } from '@sj/domain';
import type { DemoJourney } from './demo-journey.writer';

const THERAPIES: readonly ReferralService[] = ['speech-and-language', 'occupational-therapy', 'physiotherapy'];
const REFERRAL_SOURCES: readonly ReferralSource[] = ['parent', 'school', 'gp', 'health-visitor', 'paediatrics', 'social-care'];

/** The ASD pathway (docs/domain-rules.md §1, §4.4); returns whether autism was diagnosed by today. */
export function autismPathway(journey: DemoJourney, receivedOn: LocalDate): boolean {
  const { random } = journey;
  const referralId = `asd-${random.int(1000, 9999)}`;
  journey.add({
    type: 'ReferralReceived',
    occurredOn: receivedOn,
    data: { referralId, service: 'autism-assessment', source: random.pick(REFERRAL_SOURCES) },
  });
  const preStart = addDays(receivedOn, random.skewed(7, 30, 120));
  if (!journey.add({ type: 'PreAssessmentStarted', occurredOn: preStart, data: { referralId } })) return false;
  let infoOn = preStart;
  for (const from of ['school', 'health', 'parent'] as const) {
    infoOn = addDays(infoOn, random.int(3, 30));
    if (random.chance(0.8)) journey.add({ type: 'PreAssessmentInformationReceived', occurredOn: infoOn, data: { referralId, from } });
  }
  const triagedOn = addDays(infoOn, random.skewed(7, 45, 200));
  const outcome = random.chance(0.85) ? 'accepted' : random.chance(0.6) ? 'not-accepted' : 'more-information-needed';
  if (!journey.add({ type: 'MdtTriageCompleted', occurredOn: triagedOn, data: { referralId, outcome } })) return false;
  if (outcome === 'not-accepted') {
    journey.add({
      type: 'ReferralClosed',
      occurredOn: addDays(triagedOn, random.int(1, 14)),
      data: { referralId, reason: 'MDT triage: autism assessment not the right pathway' },
    });
    return false;
  }
  // Waits from referral to first appointment run from weeks to past 16 months (seed 000).
  const seenOn = addDays(receivedOn, Math.max(random.skewed(70, 240, 560), 1 + daysBetween(receivedOn, triagedOn)));
  if (!journey.add({ type: 'InitialAppointmentHeld', occurredOn: seenOn, data: { referralId } })) return false;
  const diagnosis = random.chance(0.7) ? 'autism-diagnosed' : random.chance(0.7) ? 'not-diagnosed' : 'inconclusive';
  return (
    journey.add({ type: 'DiagnosticOutcomeRecorded', occurredOn: addDays(seenOn, random.int(7, 90)), data: { referralId, outcome: diagnosis } }) &&
    diagnosis === 'autism-diagnosed'
  );
}

/** CAMHS, therapies and portage: referral to first appointment (docs/domain-rules.md §4.4). */
export function otherReferral(journey: DemoJourney, receivedOn: LocalDate, ageYears: number): void {
  const { random } = journey;
  const service: ReferralService = ageYears < 4 && random.chance(0.4) ? 'portage' : random.chance(0.4) ? 'camhs' : random.pick(THERAPIES);
  const referralId = `${service}-${random.int(1000, 9999)}`;
  journey.add({ type: 'ReferralReceived', occurredOn: receivedOn, data: { referralId, service, source: random.pick(REFERRAL_SOURCES) } });
  const wait = service === 'camhs' ? random.skewed(5, 25, 120) : service === 'portage' ? random.skewed(14, 60, 200) : random.skewed(30, 110, 420);
  journey.add({ type: 'InitialAppointmentHeld', occurredOn: addDays(receivedOn, wait), data: { referralId } });
}
