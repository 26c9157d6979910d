import { computeInclusion, DEFAULT_INCLUSION_CONFIG, schoolYearOf, type InclusionConfig, type Term } from '@sj/domain';
import type { Projection, ProjectionRow } from '../projection';

/** Per child and school year: counted suspensions and days, per term, limits and the Area Inclusion Discussion trigger. */
export function suspensionsProjection(config: InclusionConfig = DEFAULT_INCLUSION_CONFIG): Projection {
  return {
    name: 'suspensions',
    version: 1,
    table: 'rm_suspension_years',
    columns: [
      'child_id', 'school_year', 'suspension_count', 'suspension_days',
      'autumn_count', 'autumn_days', 'spring_count', 'spring_days', 'summer_count', 'summer_days',
      'over_term_limit', 'over_year_limit', 'trigger_reached_on', 'trigger_suspension_ids', 'permanent_exclusions',
    ],
    schema: `
      CREATE TABLE IF NOT EXISTS rm_suspension_years (
        child_id TEXT NOT NULL, school_year INTEGER NOT NULL, suspension_count INTEGER NOT NULL, suspension_days REAL NOT NULL,
        autumn_count INTEGER NOT NULL, autumn_days REAL NOT NULL, spring_count INTEGER NOT NULL, spring_days REAL NOT NULL,
        summer_count INTEGER NOT NULL, summer_days REAL NOT NULL,
        over_term_limit INTEGER NOT NULL, over_year_limit INTEGER NOT NULL,
        trigger_reached_on TEXT, trigger_suspension_ids TEXT, permanent_exclusions INTEGER NOT NULL,
        PRIMARY KEY (child_id, school_year)
      );
      CREATE INDEX IF NOT EXISTS rm_suspension_years_by_year ON rm_suspension_years (school_year);
    `,
    handles: ['SuspensionRecorded', 'SuspensionRescinded', 'PermanentExclusionRecorded', 'PermanentExclusionOverturned'],
    rowsFor: ({ childId, events }) => {
      const inclusion = computeInclusion(events, config);
      const exclusionsByYear = new Map<number, number>();
      for (const exclusion of inclusion.permanentExclusions) {
        const year = schoolYearOf(exclusion.occurredOn);
        exclusionsByYear.set(year, (exclusionsByYear.get(year) ?? 0) + 1);
      }
      const rows = inclusion.bySchoolYear.map((year): ProjectionRow => {
        const term = (name: Term) => year.terms.find((t) => t.term === name)!;
        return {
          child_id: childId,
          school_year: year.schoolYear,
          suspension_count: year.suspensionCount,
          suspension_days: year.suspensionDays,
          autumn_count: term('autumn').suspensionCount,
          autumn_days: term('autumn').suspensionDays,
          spring_count: term('spring').suspensionCount,
          spring_days: term('spring').suspensionDays,
          summer_count: term('summer').suspensionCount,
          summer_days: term('summer').suspensionDays,
          over_term_limit: year.terms.some((t) => t.overTermLimit) ? 1 : 0,
          over_year_limit: year.overYearLimit ? 1 : 0,
          trigger_reached_on: year.trigger?.thresholdReachedOn ?? null,
          trigger_suspension_ids: year.trigger ? year.trigger.suspensionIds.join(',') : null,
          permanent_exclusions: exclusionsByYear.get(year.schoolYear) ?? 0,
        };
      });
      for (const [schoolYear, count] of exclusionsByYear) {
        if (rows.some((row) => row.school_year === schoolYear)) continue;
        rows.push({
          child_id: childId, school_year: schoolYear, suspension_count: 0, suspension_days: 0,
          autumn_count: 0, autumn_days: 0, spring_count: 0, spring_days: 0, summer_count: 0, summer_days: 0,
          over_term_limit: 0, over_year_limit: 0, trigger_reached_on: null, trigger_suspension_ids: null, permanent_exclusions: count,
        });
      }
      return rows;
    },
  };
}
