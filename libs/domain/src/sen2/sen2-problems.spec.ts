import type { JourneyEvent, SenNeedType } from '../events';
import { stream } from '../clocks/testing/journey-fixture';
import { sen2Header, sen2HeaderProblems, sen2Person, sen2Problems, sen2Return, type Sen2Person } from '.';

/** What DfE would reject or query in the 2025 return, found child by child before the file is sent. */
const YEAR = 2025;

const registration = (dateOfBirth = '2016-03-14', upn: string | null = 'A123456789012'): JourneyEvent => ({
  type: 'ChildRegistered',
  occurredOn: '2019-01-07',
  data: { givenName: 'Robin', familyName: 'Example', dateOfBirth, area: 'north', ...(upn === null ? {} : { upn }) },
});
const known = (senNeeds: SenNeedType[] = ['ASD']): JourneyEvent => ({
  type: 'ChildDetailsChanged',
  occurredOn: '2024-01-08',
  data: { sex: 'male', ethnicity: 'WBRI', postcode: 'TA1 1AA', senNeeds },
});
const request = (requestId: string, on: string): JourneyEvent => ({
  type: 'EhcNeedsAssessmentRequested',
  occurredOn: on,
  data: { requestId, requestedBy: 'parent' },
});
const assess = (requestId: string, on: string): JourneyEvent => ({
  type: 'DecisionToAssessMade',
  occurredOn: on,
  data: { requestId, decision: 'assess' },
});
const issue = (requestId: string, on: string): JourneyEvent => ({
  type: 'FinalPlanIssued',
  occurredOn: on,
  data: { requestId, placement: 'Oak Primary' },
});
const placed = (requestId: string, placementId: string, where: { urn?: string }): JourneyEvent => ({
  type: 'PlacementNamed',
  occurredOn: '2025-05-26',
  data: { placementId, requestId, ...where, startedOn: '2025-06-01', rank: 1 },
});

function problemsOf(...events: JourneyEvent[]): [string, string, string][] {
  const person = sen2Person('c-1', stream(...events), YEAR);
  if (person === null) throw new Error('expected the child in the return');
  return sen2Problems(sen2Return(header, [person])).flatMap((child) =>
    child.problems.map((p): [string, string, string] => [p.code, p.module, p.item]),
  );
}

const planWithSchool = [
  request('r-1', '2025-01-06'),
  assess('r-1', '2025-02-10'),
  issue('r-1', '2025-05-26'),
  placed('r-1', 'p-1', { urn: '123456' }),
];

describe('Problems DfE would find in the 2025 SEN2 return', () => {
  it('finds none for a child with every item on file', () => {
    expect(problemsOf(registration(), known(), ...planWithSchool)).toEqual([]);
  });

  it('names sex, ethnicity and postcode when they were never recorded', () => {
    expect(problemsOf(registration(), request('r-1', '2025-03-03'))).toEqual([
      ['NO_SEX', '1', 'Sex'],
      ['NO_ETHNICITY', '1', 'Ethnicity'],
      ['NO_POSTCODE', '1', 'PostCode'],
    ]);
  });

  it('queries a missing UPN for a child of 6 or more, but not for a younger child (UN1)', () => {
    expect(problemsOf(registration('2016-03-14', null), known(), request('r-1', '2025-03-03'))).toEqual([['NO_UPN', '1', 'UPN, UPNunknown']]);
    expect(problemsOf(registration('2021-04-01', null), known(), request('r-1', '2025-03-03'))).toEqual([]);
  });

  it('finds a plan in force without a primary need, and queries more than two ranked needs', () => {
    expect(problemsOf(registration(), known([]), ...planWithSchool)).toEqual([['NO_PRIMARY_NEED', '5c', 'SENtype']]);
    expect(problemsOf(registration(), known(['ASD', 'SLCN', 'SEMH']), ...planWithSchool)).toEqual([['MORE_THAN_TWO_NEEDS', '5c', 'SENtypeRank']]);
  });

  it('finds a placement with none of URN, UKPRN or setting once, though it is in both the plan and the placements in force', () => {
    const plan = [request('r-1', '2025-01-06'), assess('r-1', '2025-02-10'), issue('r-1', '2025-05-26'), placed('r-1', 'p-1', {})];
    expect(problemsOf(registration(), known(), ...plan)).toEqual([['PLACEMENT_WITHOUT_ESTABLISHMENT', '4b', 'URN, UKPRN, SENsetting']]);
  });

  it('finds a plan in force with no placement in force on the census date', () => {
    expect(problemsOf(registration(), known(), request('r-1', '2025-01-06'), assess('r-1', '2025-02-10'), issue('r-1', '2025-05-26'))).toEqual([
      ['ACTIVE_PLAN_WITHOUT_PLACEMENT', '5b', 'PlacementDetail'],
    ]);
  });

  it('finds a ceased plan whose reason names none of the nine cease reasons', () => {
    const ceased: JourneyEvent = { type: 'PlanCeased', occurredOn: '2025-09-01', data: { reason: 'See the letter of 3 May' } };
    expect(problemsOf(registration(), known(), ...planWithSchool, ceased)).toEqual([['CEASE_REASON_NOT_RECOGNISED', '4a', 'CeaseReason']]);
  });

  it('finds dates out of order: a request received before the date of birth on file', () => {
    expect(problemsOf(registration('2025-04-01'), known(), request('r-1', '2025-03-03'))).toEqual([['DATES_OUT_OF_ORDER', '2', 'ReceivedDate']]);
  });

  it('finds a child whose personal data was erased, without listing each missing item', () => {
    // how an erased child's registration reads back: the personal fields blanked, `erased` set
    const erased: JourneyEvent = {
      type: 'ChildRegistered',
      occurredOn: '2019-01-07',
      data: { givenName: '', familyName: '', dateOfBirth: '', area: 'north', erased: true, cohortYear: 2015 },
    };
    expect(problemsOf(erased, request('r-1', '2025-03-03'))).toEqual([['PERSONAL_DATA_ERASED', '1', 'Surname, Forename, PersonBirthDate']]);
  });

  it('finds a return with no LA code', () => {
    expect(sen2HeaderProblems(header).map((p) => p.code)).toEqual([]);
    expect(sen2HeaderProblems({ ...header, lea: null }).map((p) => [p.code, p.item])).toEqual([['NO_LA_CODE', 'LEA']]);
  });

  it('lists only the children who have problems', () => {
    const clean = sen2Person('clean', stream(registration(), known(), ...planWithSchool), YEAR);
    const unknownSex = sen2Person('unknown', stream(registration(), request('r-1', '2025-03-03')), YEAR);
    const persons = [clean, unknownSex].filter((p): p is Sen2Person => p !== null);
    expect(sen2Problems(sen2Return(header, persons)).map((c) => c.childId)).toEqual(['unknown']);
  });
});

const header = sen2Header(YEAR, { lea: '933', softwareCode: 'send-journeys', release: '0.1.0', serialNo: 1, madeAt: '2026-01-20T10:30:00.000Z' });
