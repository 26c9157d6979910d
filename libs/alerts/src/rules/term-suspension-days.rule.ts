import { COUNTED_SUSPENSIONS_REACTIONS } from './counted-suspensions.reactions';
import { schoolYearLabel, type InclusionAlertRule } from './inclusion-alert-candidate';

/**
 * When a term's counted suspensions total more than 15 school days the governing board must
 * consider reinstatement (DfE suspension and permanent exclusion guidance 2024): the area's
 * managers are told, once per child per term.
 */
export const termSuspensionDaysRule: InclusionAlertRule = {
  rule: 'term-suspension-days',
  reactsTo: COUNTED_SUSPENSIONS_REACTIONS,
  candidates: (view, child, config) =>
    view.bySchoolYear.flatMap((year) =>
      year.terms
        .filter((term) => term.overTermLimit)
        .map((term) => ({
          schoolYear: year.schoolYear,
          noLongerHolds: `${term.term} term ${schoolYearLabel(year.schoolYear)} suspensions are back to ${config.termDaysLimit} school days or fewer`,
          decision: {
            alertId: `term-over-15:${child.childId}:${year.schoolYear}:${term.term}`,
            rule: 'term-suspension-days' as const,
            childId: child.childId,
            area: child.area,
            recipients: [`managers:${child.area}` as const],
            period: `${year.schoolYear}:${term.term}`,
            facts: {
              schoolYear: year.schoolYear,
              term: term.term,
              suspensionCount: term.suspensionCount,
              suspensionDays: term.suspensionDays,
              limit: config.termDaysLimit,
            },
          },
        })),
    ),
};
