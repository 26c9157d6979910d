import type { LocalDate } from '../events';
import { compareDates } from '../dates';
import type { Sen2Header, Sen2Person, Sen2Placement, Sen2Request, Sen2Return } from './sen2-return.model';

/**
 * What DfE's validation of the SEN2 return would reject (`error`) or ask the LA to explain (`query`), found
 * before the file is sent, so it can be put right in the child's journey. Messages name the item, never the
 * child's personal data.
 */
export type Sen2ProblemSeverity = 'error' | 'query';

export const SEN2_PROBLEM_CODES = [
  'NO_LA_CODE',
  'PERSONAL_DATA_ERASED',
  'NO_SEX',
  'NO_ETHNICITY',
  'NO_POSTCODE',
  'NO_UPN',
  'NO_PRIMARY_NEED',
  'MORE_THAN_TWO_NEEDS',
  'PLACEMENT_WITHOUT_ESTABLISHMENT',
  'ACTIVE_PLAN_WITHOUT_PLACEMENT',
  'CEASE_REASON_NOT_RECOGNISED',
  'DATES_OUT_OF_ORDER',
] as const;
export type Sen2ProblemCode = (typeof SEN2_PROBLEM_CODES)[number];

export interface Sen2Problem {
  readonly code: Sen2ProblemCode;
  readonly severity: Sen2ProblemSeverity;
  /** The module (1, 2, 3, 4a, 4b, 5a, 5b, 5c) and DfE item the problem is in. */
  readonly module: string;
  readonly item: string;
  readonly requestId?: string;
  readonly placementId?: string;
  readonly message: string;
}

export interface Sen2ChildProblems {
  readonly childId: string;
  readonly problems: readonly Sen2Problem[];
}

/** Problems with the return as a whole (its header). */
export function sen2HeaderProblems(header: Sen2Header): Sen2Problem[] {
  return header.lea === null
    ? [
        {
          code: 'NO_LA_CODE',
          severity: 'error',
          module: 'header',
          item: 'LEA',
          message: "The LA's three-digit code is not configured (SEN2_LA_CODE), so the file cannot name who sends it.",
        },
      ]
    : [];
}

/** Every child of the return with at least one problem, in the return's order. */
export function sen2Problems(ret: Sen2Return): Sen2ChildProblems[] {
  return ret.persons.flatMap((person) => {
    const problems = personProblems(person);
    return problems.length === 0 ? [] : [{ childId: person.childId, problems }];
  });
}

export function personProblems(person: Sen2Person): Sen2Problem[] {
  const problems: Sen2Problem[] = [];
  const erased = person.surname === null && person.forename === null && person.personBirthDate === null;
  if (erased) {
    problems.push({
      code: 'PERSONAL_DATA_ERASED',
      severity: 'error',
      module: '1',
      item: 'Surname, Forename, PersonBirthDate',
      message: "The child's personal data was erased, so the return cannot name them: DfE needs name and date of birth.",
    });
  } else {
    if (person.sex === null) problems.push(missing('NO_SEX', 'Sex', 'Record the child’s sex (female, male or unknown).'));
    if (person.ethnicity === null)
      problems.push(missing('NO_ETHNICITY', 'Ethnicity', 'Record the child’s ethnicity (a DfE code such as WBRI, or REFU or NOBT).'));
    if (person.postCode === null) problems.push(missing('NO_POSTCODE', 'PostCode', 'Record the postcode of the child’s home.'));
    if (person.upn === null && person.upnUnknown === null) {
      problems.push({
        code: 'NO_UPN',
        severity: 'query',
        module: '1',
        item: 'UPN, UPNunknown',
        message: 'The child is 6 or over and has no UPN on file: record the UPN, or DfE will ask why it is unavailable.',
      });
    }
  }
  for (const request of person.requests) problems.push(...requestProblems(request, person.personBirthDate));
  // a placement of the plan in force is in both 4b and 5b: one fix, so one problem
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.requestId ?? ''}|${p.placementId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function missing(code: Sen2ProblemCode, item: string, fix: string): Sen2Problem {
  return { code, severity: 'error', module: '1', item, message: `${item} is missing. ${fix}` };
}

function requestProblems(request: Sen2Request, birthDate: LocalDate | null): Sen2Problem[] {
  const problems: Sen2Problem[] = [];
  const { requestId } = request;
  if (birthDate !== null && compareDates(request.receivedDate, birthDate) < 0) {
    problems.push({
      code: 'DATES_OUT_OF_ORDER',
      severity: 'error',
      module: '2',
      item: 'ReceivedDate',
      requestId,
      message: `Request ${requestId} was received on ${request.receivedDate}, before the date of birth on file: check the date of birth.`,
    });
  }
  const plan = request.assessment?.namedPlan ?? null;
  if (plan?.endedAs === 'ceased' && plan.ceaseReason === null) {
    problems.push({
      code: 'CEASE_REASON_NOT_RECOGNISED',
      severity: 'error',
      module: '4a',
      item: 'CeaseReason',
      requestId,
      message: `The plan from request ${requestId} ceased on ${plan.ceaseDate ?? ''} for a reason that names none of DfE's nine: start the reason with its code (1–9).`,
    });
  }
  for (const placement of plan?.planDetails ?? []) problems.push(...placementProblems(placement, '4b', requestId, birthDate));
  const active = request.activePlan;
  if (active !== null) {
    if (active.senNeeds.length === 0) {
      problems.push({
        code: 'NO_PRIMARY_NEED',
        severity: 'error',
        module: '5c',
        item: 'SENtype',
        requestId,
        message: `The plan in force (request ${requestId}) has no primary need: record the child’s needs, the primary one first.`,
      });
    } else if (active.senNeeds.length > 2) {
      problems.push({
        code: 'MORE_THAN_TWO_NEEDS',
        severity: 'query',
        module: '5c',
        item: 'SENtypeRank',
        requestId,
        message: `${active.senNeeds.length} needs are ranked; DfE collects a primary and a secondary need.`,
      });
    }
    if (active.placementDetails.length === 0) {
      problems.push({
        code: 'ACTIVE_PLAN_WITHOUT_PLACEMENT',
        severity: 'error',
        module: '5b',
        item: 'PlacementDetail',
        requestId,
        message: `The plan in force (request ${requestId}) names no placement in force on the census date: name the school, college or setting.`,
      });
    }
    for (const placement of active.placementDetails) problems.push(...placementProblems(placement, '5b', requestId, birthDate));
  }
  return problems;
}

function placementProblems(placement: Sen2Placement, module: '4b' | '5b', requestId: string, birthDate: LocalDate | null): Sen2Problem[] {
  const problems: Sen2Problem[] = [];
  const { placementId } = placement;
  if (placement.urn === null && placement.ukprn === null && placement.senSetting === null) {
    problems.push({
      code: 'PLACEMENT_WITHOUT_ESTABLISHMENT',
      severity: 'error',
      module,
      item: 'URN, UKPRN, SENsetting',
      requestId,
      placementId,
      message: `Placement ${placementId} has no URN, UKPRN or setting code: name the establishment.`,
    });
  }
  if (module === '5b' && birthDate !== null && placement.entryDate !== null && compareDates(placement.entryDate, birthDate) < 0) {
    problems.push({
      code: 'DATES_OUT_OF_ORDER',
      severity: 'error',
      module,
      item: 'EntryDate',
      requestId,
      placementId,
      message: `Placement ${placementId} starts on ${placement.entryDate}, before the date of birth on file: check both dates.`,
    });
  }
  return problems;
}
