import {
  areaHistory,
  compareDates,
  daysBetween,
  eventsAsOf,
  referralHistory,
  referralWait,
  type LocalDate,
  type RecordedJourneyEvent,
  type ReferralFacts,
} from '@sj/domain';
import { handledEventTypes, namesArea, type Projection, type ProjectionRow } from '../projection';
import { areaColumns } from './area-columns';
import { END_OF_TIME } from './end-of-time';
import { WAITING_FIGURE_TABLES, WAITING_FIGURES_POSTGRES, WAITING_FIGURES_REBUILD_START, WAITING_FIGURES_SQLITE } from './waiting-figures.schema';

/**
 * Each referral's milestone dates, one row per stretch of time it was waiting: who is waiting is decided at
 * query time for the `asOf` date, "waiting as of D" being `waiting_from <= D < open_until`. Most referrals wait
 * once, from receipt until seen or ended; one whose autism pathway was reopened by a later MDT triage waits
 * again from that triage, still counted from the referral date (docs/domain-rules.md §4.4, §5), so it has a
 * row per stretch. Which days a referral waits is the domain's `referralWait` as of each day one of its events
 * happened (nothing else can change it). A referral that never waited has one empty stretch, so the trend
 * still counts its first appointment; the last row of a referral carries seen_day.
 *
 * A wait open on asOf counts in the area the child is in on asOf (docs/domain-rules.md §6). `area` is the area of the
 * period that holds the stretch's `open_until` (the child's latest area while it is open) and `area_from` its first
 * day: a stretch waiting on asOf with `area_from <= asOf` is in `area` then, read beside its dates.
 */
export const waitingTimesProjection: Projection = {
  name: 'waiting-times',
  // v3: one row per waiting stretch (a triage can reopen the wait). v4: the area of open_until and its first day.
  // v5: the waiting figures the database keeps beside the rows (waiting-figures.schema.ts). v6: covering indexes for
  // the first appointments the trend reads row by row. v7: on PostgreSQL the counts' keys carry the count, so the trend
  // reads them from the index alone.
  version: 7,
  table: 'rm_referrals',
  keptBeside: WAITING_FIGURE_TABLES,
  rebuildStart: WAITING_FIGURES_REBUILD_START,
  columns: [
    'child_id',
    'referral_id',
    'service',
    'received_on',
    'pre_assessment_started_on',
    'triaged_on',
    'initial_appointment_on',
    'diagnostic_outcome_on',
    'waiting_from',
    'open_until',
    'received_day',
    'waiting_from_day',
    'open_until_day',
    'seen_day',
    'area',
    'area_from',
  ],
  schema: {
    sqlite: `
      CREATE TABLE IF NOT EXISTS rm_referrals (
        child_id TEXT NOT NULL, referral_id TEXT NOT NULL, service TEXT NOT NULL, received_on TEXT NOT NULL,
        pre_assessment_started_on TEXT, triaged_on TEXT, initial_appointment_on TEXT, diagnostic_outcome_on TEXT,
        waiting_from TEXT NOT NULL, open_until TEXT NOT NULL,
        received_day INTEGER NOT NULL, waiting_from_day INTEGER NOT NULL, open_until_day INTEGER NOT NULL, seen_day INTEGER,
        area TEXT, area_from TEXT,
        PRIMARY KEY (child_id, referral_id, waiting_from)
      );
      -- covers GET /waiting-times (the areas too) and the trend: the referrals open at some point in the trend window, read from the index alone
      CREATE INDEX IF NOT EXISTS rm_referrals_open ON rm_referrals (service, open_until, received_on, waiting_from, initial_appointment_on, pre_assessment_started_on, triaged_on, child_id, referral_id, received_day, waiting_from_day, open_until_day, seen_day, area, area_from);
      -- first appointments of a month, read from the index alone with what the trend needs of them
      CREATE INDEX IF NOT EXISTS rm_referrals_seen ON rm_referrals (service, initial_appointment_on, seen_day, received_day, open_until_day, area, child_id);
      ${WAITING_FIGURES_SQLITE}
    `,
    postgres: `
      CREATE TABLE IF NOT EXISTS rm_referrals (
        child_id text COLLATE "C" NOT NULL, referral_id text COLLATE "C" NOT NULL, service text COLLATE "C" NOT NULL,
        received_on text COLLATE "C" NOT NULL, pre_assessment_started_on text COLLATE "C", triaged_on text COLLATE "C",
        initial_appointment_on text COLLATE "C", diagnostic_outcome_on text COLLATE "C", waiting_from text COLLATE "C" NOT NULL,
        open_until text COLLATE "C" NOT NULL, received_day integer NOT NULL, waiting_from_day integer NOT NULL,
        open_until_day integer NOT NULL, seen_day integer, area text COLLATE "C", area_from text COLLATE "C",
        PRIMARY KEY (child_id, referral_id, waiting_from)
      );
      -- covers GET /waiting-times (the areas too) and the trend (index-only scans once the table is vacuumed)
      CREATE INDEX IF NOT EXISTS rm_referrals_open ON rm_referrals (service, open_until, received_on)
        INCLUDE (waiting_from, initial_appointment_on, pre_assessment_started_on, triaged_on, child_id, referral_id,
                 received_day, waiting_from_day, open_until_day, seen_day, area, area_from);
      CREATE INDEX IF NOT EXISTS rm_referrals_seen ON rm_referrals (service, initial_appointment_on)
        INCLUDE (open_until, child_id, received_day, waiting_from_day, open_until_day, seen_day, area);
      ${WAITING_FIGURES_POSTGRES}
    `,
  },
  // a move changes the area a wait counts in
  handles: {
    ChildRegistered: true,
    ChildDetailsChanged: namesArea,
    ReferralReceived: true,
    PreAssessmentStarted: true,
    PreAssessmentInformationReceived: false,
    MdtTriageCompleted: true,
    InitialAppointmentHeld: true,
    DiagnosticOutcomeRecorded: true,
    ReferralClosed: true,
    EhcNeedsAssessmentRequested: false,
    DecisionToAssessMade: false,
    AdviceRequested: false,
    AdviceReceived: false,
    TimescaleExceptionRecorded: false,
    DecisionNotToIssuePlan: false,
    DraftPlanIssued: false,
    FinalPlanIssued: false,
    ReassessmentRequested: false,
    ReassessmentDecisionMade: false,
    PlacementNamed: false,
    PersonalBudgetAgreed: false,
    MediationRecorded: false,
    AppealLodged: false,
    AppealConceded: false,
    AppealDecided: false,
    AnnualReviewMeetingHeld: false,
    AnnualReviewDecisionMade: false,
    AmendedPlanIssued: false,
    PlanCeased: false,
    SuspensionRecorded: false,
    SuspensionRescinded: false,
    PermanentExclusionRecorded: false,
    PermanentExclusionOverturned: false,
    PartTimeTimetableStarted: false,
    PartTimeTimetableEnded: false,
    EventVoided: true,
    CaseClosed: false,
  },
  rowsFor: ({ childId, events }) => {
    const ordered = eventsAsOf(events);
    const referrals = referralHistory(ordered);
    if (referrals.length === 0) return [];
    const stretches = waitingStretches(ordered, referrals);
    const areas = areaHistory(events);
    return referrals.flatMap((referral) => {
      const waits = stretches.get(referral.referralId) ?? [];
      const rows = waits.length > 0 ? waits : [{ from: referral.receivedOn, until: referral.receivedOn }];
      return rows.map((stretch, i): ProjectionRow => ({
        child_id: childId,
        referral_id: referral.referralId,
        service: referral.service,
        received_on: referral.receivedOn,
        pre_assessment_started_on: referral.preAssessmentStartedOn,
        // the first decisive triage, as the domain's referralWait defines it
        triaged_on: referral.triages.find((t) => t.outcome !== 'more-information-needed')?.on ?? null,
        initial_appointment_on: referral.firstSeenOn,
        diagnostic_outcome_on: referral.diagnosticOutcomeOn,
        waiting_from: stretch.from,
        open_until: stretch.until,
        received_day: dayNumber(referral.receivedOn),
        waiting_from_day: dayNumber(stretch.from),
        open_until_day: dayNumber(stretch.until),
        seen_day: referral.firstSeenOn !== null && i === rows.length - 1 ? dayNumber(referral.firstSeenOn) : null,
        ...areaColumns(areas, stretch.until),
      }));
    });
  },
};

const READS = new Set(handledEventTypes(waitingTimesProjection));

/**
 * For each referral, the stretches [from, until) in which the domain says it is waiting. Whether a referral
 * waits as of a day depends only on the events dated on or before it, so it can change only on a day one of
 * the events this projection reads happened: the domain is asked on each such day.
 */
function waitingStretches(
  ordered: readonly RecordedJourneyEvent[],
  referrals: readonly ReferralFacts[],
): Map<string, { from: LocalDate; until: LocalDate }[]> {
  const days = [...new Set(ordered.filter((e) => READS.has(e.event.type)).map((e) => e.event.occurredOn))];
  const stretches = new Map<string, { from: LocalDate; until: LocalDate }[]>();
  const waitingSince = new Map<string, LocalDate>();
  for (const day of [...days].sort(compareDates)) {
    // the timeline as of that day: the whole timeline's order, without what happened later
    const asOfDay = referralHistory(ordered.filter((e) => compareDates(e.event.occurredOn, day) <= 0));
    const waiting = new Set(asOfDay.filter((r) => referralWait(r, day).status === 'waiting').map((r) => r.referralId));
    for (const referral of referrals) {
      const since = waitingSince.get(referral.referralId);
      if (waiting.has(referral.referralId) && since === undefined) waitingSince.set(referral.referralId, day);
      if (!waiting.has(referral.referralId) && since !== undefined) {
        stretches.set(referral.referralId, [...(stretches.get(referral.referralId) ?? []), { from: since, until: day }]);
        waitingSince.delete(referral.referralId);
      }
    }
  }
  for (const [referralId, since] of waitingSince)
    stretches.set(referralId, [...(stretches.get(referralId) ?? []), { from: since, until: END_OF_TIME }]);
  return stretches;
}

export function dayNumber(d: LocalDate): number {
  return daysBetween('1970-01-01', d);
}
