import type { LocalDate } from '../events';
import { compareDates } from '../dates';
import { issuedWithin20Weeks } from '../reports/plan-timeliness.report';
import { sen2Period } from './sen2-census-date';
import type { Sen2ActivePlan, Sen2Assessment, Sen2Header, Sen2NamedPlan, Sen2Person, Sen2Request, Sen2Return } from './sen2-return.model';

/** What the header needs beyond the year: configuration, and the moment the file is made (time is an input). */
export interface Sen2HeaderInput {
  readonly lea: string | null;
  readonly softwareCode: string;
  readonly release: string;
  readonly serialNo: number;
  /** ISO instant the file is made. */
  readonly madeAt: string;
}

export function sen2Header(year: number, input: Sen2HeaderInput): Sen2Header {
  return {
    collection: 'SEN2',
    year: year + 1,
    referenceDate: sen2Period(year).census,
    sourceLevel: 'L',
    lea: input.lea,
    softwareCode: input.softwareCode,
    release: input.release,
    serialNo: input.serialNo,
    dateTime: input.madeAt.slice(0, 19),
  };
}

/** The return: the header and the children's rows, children in id order so the same log gives the same file. */
export function sen2Return(header: Sen2Header, persons: Iterable<Sen2Person>): Sen2Return {
  return { header, persons: [...persons].sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0)) };
}

/** The areas whose figures a caller may see: every area, or a list (docs/domain-rules.md §6). */
export type Sen2Areas = 'all' | readonly string[];

function owns(areas: Sen2Areas, area: string | null): boolean {
  return areas === 'all' || (area !== null && areas.includes(area));
}

/**
 * The part of the return that belongs to some areas. Each row belongs to the area the child was in on its
 * date (a request: received; an assessment: its outcome; a plan: issued; an active plan: the census date),
 * and a row is kept with the rows above it, so the file's nesting holds: a plan issued after the child moved
 * into the area keeps its request, received while the child lived elsewhere.
 */
export function sen2WithinAreas(ret: Sen2Return, areas: Sen2Areas): Sen2Return {
  if (areas === 'all') return ret;
  const persons = ret.persons.flatMap((person): Sen2Person[] => {
    const requests = person.requests.flatMap((request): Sen2Request[] => {
      const assessment = keptAssessment(request.assessment, areas);
      const activePlan = request.activePlan !== null && owns(areas, request.activePlan.area) ? request.activePlan : null;
      if (!owns(areas, request.area) && assessment === null && activePlan === null) return [];
      return [{ ...request, assessment, activePlan }];
    });
    return requests.length === 0 ? [] : [{ ...person, requests }];
  });
  return { header: ret.header, persons };
}

function keptAssessment(assessment: Sen2Assessment | null, areas: Sen2Areas): Sen2Assessment | null {
  if (assessment === null) return null;
  const namedPlan = assessment.namedPlan !== null && owns(areas, assessment.namedPlan.area) ? assessment.namedPlan : null;
  if (!owns(areas, assessment.area) && namedPlan === null) return null;
  return { ...assessment, namedPlan };
}

/** How many rows each module of the file holds. */
export interface Sen2ModuleCounts {
  readonly person: number;
  readonly requests: number;
  readonly assessment: number;
  readonly namedPlan: number;
  readonly planDetail: number;
  readonly activePlans: number;
  readonly placementDetail: number;
  readonly senNeed: number;
}

export function sen2ModuleCounts(ret: Sen2Return): Sen2ModuleCounts {
  const requests = ret.persons.flatMap((p) => p.requests);
  const assessments = requests.flatMap((r) => (r.assessment === null ? [] : [r.assessment]));
  const namedPlans = assessments.flatMap((a): Sen2NamedPlan[] => (a.namedPlan === null ? [] : [a.namedPlan]));
  const activePlans = requests.flatMap((r): Sen2ActivePlan[] => (r.activePlan === null ? [] : [r.activePlan]));
  return {
    person: ret.persons.length,
    requests: requests.length,
    assessment: assessments.length,
    namedPlan: namedPlans.length,
    planDetail: namedPlans.reduce((n, p) => n + p.planDetails.length, 0),
    activePlans: activePlans.length,
    placementDetail: activePlans.reduce((n, p) => n + p.placementDetails.length, 0),
    senNeed: activePlans.reduce((n, p) => n + p.senNeeds.length, 0),
  };
}

/**
 * The return's headline figures for the calendar year, the ones DfE publishes from it and the engine's own
 * timeliness report gives (docs/domain-rules.md §8): requests received in the year and how many of them were
 * refused; plans issued in the year (assessment outcome Y dated in it), how many within 20 weeks of the request
 * (140 days, reg 13(2)), and the same without the plans a reg 10(4) exception applies to (Week20 = 1). Each
 * figure counts only rows that belong to `areas`.
 */
export interface Sen2Figures {
  readonly requestsReceived: number;
  readonly refused: number;
  readonly plansIssued: number;
  readonly within20Weeks: number;
  readonly issuedExcludingExceptions: number;
  readonly within20WeeksExcludingExceptions: number;
}

export function sen2Figures(ret: Sen2Return, year: number, areas: Sen2Areas): Sen2Figures {
  const { from, to } = sen2Period(year);
  const inYear = (d: LocalDate | null): d is LocalDate => d !== null && compareDates(d, from) >= 0 && compareDates(d, to) <= 0;
  const requests = ret.persons.flatMap((p) => p.requests);
  const received = requests.filter((r) => inYear(r.receivedDate) && owns(areas, r.area));
  const issued = requests.flatMap((r) => {
    const a = r.assessment;
    if (a?.assessmentOutcome !== 'Y' || !inYear(a.assessmentOutcomeDate) || !owns(areas, a.area)) return [];
    return [{ week20: a.week20, within: issuedWithin20Weeks({ receivedOn: r.receivedDate, finalIssuedOn: a.assessmentOutcomeDate }) }];
  });
  const notExcepted = issued.filter((p) => p.week20 === 0);
  return {
    requestsReceived: received.length,
    refused: received.filter((r) => r.requestOutcome === 'N').length,
    plansIssued: issued.length,
    within20Weeks: issued.filter((p) => p.within).length,
    issuedExcludingExceptions: notExcepted.length,
    within20WeeksExcludingExceptions: notExcepted.filter((p) => p.within).length,
  };
}
