import type { AnnualReviewDecision, EhcRequester, PersonalBudgetKind, Sex } from '../events';

/**
 * The code lists of the SEN2 person-level return (docs/sen2.md says where each came from and which could
 * not be confirmed against DfE's own documents).
 */

/**
 * RequestSource, who asked for the assessment (docs/domain-rules.md §3): 1 the young person or a parent, 2 a school or
 * other education setting, 3 health professionals, 4 social care professionals, 5 anyone else.
 */
export type Sen2RequestSource = 1 | 2 | 3 | 4 | 5;

export const SEN2_REQUEST_SOURCE: Readonly<Record<EhcRequester, Sen2RequestSource>> = {
  parent: 1,
  'young-person': 1,
  school: 2,
  'early-years-setting': 2,
  health: 3,
  'social-care': 4,
  other: 5,
};

/**
 * Request and assessment outcomes: Y yes, N no, A not decided yet, W withdrawn or ceased before a decision
 * (here: the case was closed first), H historical (decided before the collection year).
 */
export type Sen2Outcome = 'Y' | 'N' | 'A' | 'W' | 'H';

export type Sen2Sex = 'F' | 'M' | 'U';
export const SEN2_SEX: Readonly<Record<Sex, Sen2Sex>> = { female: 'F', male: 'M', unknown: 'U' };

/** Annual review decision ReviewOutcome: M maintain the plan, A amend it, C cease it (docs/sen2.md cites the source). */
export type Sen2ReviewOutcome = 'M' | 'A' | 'C';
export const SEN2_REVIEW_OUTCOME: Readonly<Record<AnnualReviewDecision, Sen2ReviewOutcome>> = { maintain: 'M', amend: 'A', cease: 'C' };

/** Personal budget items: taken up (PB), organised arrangements (OA), direct payments (DP), each 1 or 0. */
export function sen2PersonalBudget(kind: PersonalBudgetKind | null): { pb: 0 | 1; oa: 0 | 1; dp: 0 | 1 } {
  if (kind === null) return { pb: 0, oa: 0, dp: 0 };
  return { pb: 1, oa: kind === 'direct-payments' ? 0 : 1, dp: kind === 'organised-arrangements' ? 0 : 1 };
}

/** "UPN and ULN unavailable" reason UN1: a child under 6 who has not been given a UPN yet. */
export const SEN2_UPN_UNKNOWN_UNDER_SIX = 'UN1';

/** Why a plan ended (CeaseReason 1–9). */
export type Sen2CeaseReason = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const SEN2_CEASE_REASONS: Readonly<Record<Sen2CeaseReason, string>> = {
  1: 'reached the maximum age',
  2: 'needs met without an EHC plan',
  3: 'moved on to higher education',
  4: 'moved on to paid employment (not an apprenticeship)',
  5: 'transferred to another local authority',
  6: 'young person no longer wishes to engage in education or training',
  7: 'moved outside England',
  8: 'deceased',
  9: 'other',
};

/**
 * Wording a caseworker would use for each reason, checked in this order (the most specific first), so a
 * free-text PlanCeased reason names its code. A reason that starts with the code itself ("5 – moved to
 * Devon") always wins.
 */
const CEASE_REASON_WORDING: readonly [Sen2CeaseReason, RegExp][] = [
  [8, /\b(deceased|died|death)\b/i],
  [7, /\b(outside england|left england|moved abroad|emigrat\w*|moved to (wales|scotland|northern ireland))\b/i],
  [5, /\b(another (local authority|la|council)|transferred)\b/i],
  [1, /\b(maximum age|turned 25|age 25)\b/i],
  [3, /\b(higher education|university)\b/i],
  [4, /\b(paid employment|employment|job)\b/i],
  [6, /\b(no longer wishes|not engag\w*|disengag\w*)\b/i],
  [2, /\b(needs (are |being )?met|outcomes achieved|without an ehc plan)\b/i],
  [9, /^\s*other\b/i],
];

/** The CeaseReason a PlanCeased reason names, or null when it names none of the nine. */
export function sen2CeaseReasonOf(reason: string): Sen2CeaseReason | null {
  const code = /^\s*([1-9])(?!\d)/.exec(reason);
  if (code) return Number(code[1]) as Sen2CeaseReason;
  return CEASE_REASON_WORDING.find(([, wording]) => wording.test(reason))?.[0] ?? null;
}
