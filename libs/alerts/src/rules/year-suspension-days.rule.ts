import { COUNTED_SUSPENSIONS_REACTIONS } from './counted-suspensions.reactions';
import { schoolYearLabel, type InclusionAlertRule } from './inclusion-alert-candidate';

/**
 * A pupil may not be suspended for more than 45 school days in one school year (DfE suspension and
 * permanent exclusion guidance 2024): a total over the limit is unlawful, so the area's managers
 * are told, once per child per school year.
 */
export const yearSuspensionDaysRule: InclusionAlertRule = {
  rule: 'year-suspension-days',
  reactsTo: COUNTED_SUSPENSIONS_REACTIONS,
  candidates: (view, child, config) =>
    view.bySchoolYear
      .filter((year) => year.overYearLimit)
      .map((year) => ({
        schoolYear: year.schoolYear,
        noLongerHolds: `school year ${schoolYearLabel(year.schoolYear)} suspensions are back to ${config.yearDaysLimit} school days or fewer`,
        decision: {
          alertId: `year-over-45:${child.childId}:${year.schoolYear}`,
          rule: 'year-suspension-days',
          childId: child.childId,
          area: child.area,
          recipients: [`managers:${child.area}`],
          period: String(year.schoolYear),
          facts: {
            schoolYear: year.schoolYear,
            suspensionCount: year.suspensionCount,
            suspensionDays: year.suspensionDays,
            limit: config.yearDaysLimit,
          },
        },
      })),
};
