import { schoolYearOf } from '@sj/domain';
import type { InclusionAlertRule } from './inclusion-alert-candidate';

/**
 * Every permanent exclusion that stands (not overturned, not voided) goes to the area's panel at
 * once (docs/domain-rules.md §6; DfE suspension and permanent exclusion guidance 2024).
 */
export const permanentExclusionRule: InclusionAlertRule = (view, child) =>
  view.permanentExclusions.map((exclusion) => ({
    schoolYear: schoolYearOf(exclusion.occurredOn),
    decision: {
      alertId: `pex:${child.childId}:${exclusion.exclusionId}`,
      rule: 'permanent-exclusion',
      childId: child.childId,
      area: child.area,
      recipients: [`panel:${child.area}`],
      period: exclusion.occurredOn,
      facts: { exclusionId: exclusion.exclusionId, excludedOn: exclusion.occurredOn, schoolYear: schoolYearOf(exclusion.occurredOn) },
    },
  }));
