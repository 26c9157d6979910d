import { COUNTED_SUSPENSIONS_REACTIONS } from './counted-suspensions.reactions';
import { schoolYearLabel, type InclusionAlertRule } from './inclusion-alert-candidate';

/**
 * Somerset's three-suspension trigger (docs/domain-rules.md §6, seed 001): the threshold-th counted
 * suspension in a school year (or rolling 12 months, per config) calls an Area Inclusion
 * Discussion, to the panel of the child's area, once per child per school year: the id has no
 * suspension in it, so a fourth or re-recorded suspension maps to the same alert, and a trigger
 * reached again after a withdrawal reopens it.
 */
export const areaInclusionDiscussionRule: InclusionAlertRule = {
  rule: 'area-inclusion-discussion',
  reactsTo: COUNTED_SUSPENSIONS_REACTIONS,
  candidates: (view, child, config) =>
    view.bySchoolYear.flatMap((year) => {
      if (!year.trigger) return [];
      return [
        {
          schoolYear: year.schoolYear,
          noLongerHolds: `fewer than ${config.triggerThreshold} counted suspensions in school year ${schoolYearLabel(year.schoolYear)}`,
          decision: {
            alertId: `aid:${child.childId}:${year.schoolYear}`,
            rule: 'area-inclusion-discussion',
            childId: child.childId,
            area: child.area,
            recipients: [`panel:${child.area}`],
            period: String(year.schoolYear),
            facts: {
              schoolYear: year.schoolYear,
              threshold: config.triggerThreshold,
              window: config.triggerWindow,
              thresholdReachedOn: year.trigger.thresholdReachedOn,
              suspensionIds: year.trigger.suspensionIds,
            },
          },
        },
      ];
    }),
};
