import type {
  Sen2ActivePlan,
  Sen2Assessment,
  Sen2Header,
  Sen2NamedPlan,
  Sen2Need,
  Sen2Person,
  Sen2Placement,
  Sen2Request,
  Sen2Return,
} from '@sj/domain';

/**
 * The SEN2 return's modules as files see them: each module's DfE element name and item names, in file order
 * (docs/sen2.md cites where each name comes from). The XML writer, the CSV writer and the readers all work from
 * these lists, so a name is spelt in one place only.
 */
export type Sen2Value = string | number | null;

export interface Sen2Item<R> {
  readonly name: string;
  readonly value: (row: R) => Sen2Value;
}

const item = <R>(name: string, value: (row: R) => Sen2Value): Sen2Item<R> => ({ name, value });

export const HEADER_COLLECTION_ITEMS: readonly Sen2Item<Sen2Header>[] = [
  item('Collection', (h) => h.collection),
  item('Year', (h) => h.year),
  item('ReferenceDate', (h) => h.referenceDate),
];
export const HEADER_SOURCE_ITEMS: readonly Sen2Item<Sen2Header>[] = [
  item('SourceLevel', (h) => h.sourceLevel),
  item('LEA', (h) => h.lea),
  item('SoftwareCode', (h) => h.softwareCode),
  item('Release', (h) => h.release),
  item('SerialNo', (h) => h.serialNo),
  item('DateTime', (h) => h.dateTime),
];

export const PERSON_ITEMS: readonly Sen2Item<Sen2Person>[] = [
  item('Surname', (p) => p.surname),
  item('Forename', (p) => p.forename),
  item('PersonBirthDate', (p) => p.personBirthDate),
  item('Sex', (p) => p.sex),
  item('Ethnicity', (p) => p.ethnicity),
  item('PostCode', (p) => p.postCode),
  item('UPN', (p) => p.upn),
  item('UPNunknown', (p) => p.upnUnknown),
];

export const REQUEST_ITEMS: readonly Sen2Item<Sen2Request>[] = [
  item('ReceivedDate', (r) => r.receivedDate),
  item('RequestSource', (r) => r.requestSource),
  item('RYA', (r) => r.rya),
  item('RequestOutcomeDate', (r) => r.requestOutcomeDate),
  item('RequestOutcome', (r) => r.requestOutcome),
  item('RequestMediation', (r) => r.requestMediation),
  item('RequestTribunal', (r) => r.requestTribunal),
];

export const ASSESSMENT_ITEMS: readonly Sen2Item<Sen2Assessment>[] = [
  item('AssessmentOutcome', (a) => a.assessmentOutcome),
  item('AssessmentOutcomeDate', (a) => a.assessmentOutcomeDate),
  item('AssessmentMediation', (a) => a.assessmentMediation),
  item('AssessmentTribunal', (a) => a.assessmentTribunal),
  item('OtherMediation', (a) => a.otherMediation),
  item('OtherTribunal', (a) => a.otherTribunal),
  item('Week20', (a) => a.week20),
];

export const NAMED_PLAN_ITEMS: readonly Sen2Item<Sen2NamedPlan>[] = [
  item('StartDate', (p) => p.startDate),
  item('PB', (p) => p.pb),
  item('OA', (p) => p.oa),
  item('DP', (p) => p.dp),
  item('CeaseDate', (p) => p.ceaseDate),
  item('CeaseReason', (p) => p.ceaseReason),
];

const ESTABLISHMENT_ITEMS: readonly Sen2Item<Sen2Placement>[] = [
  item('URN', (p) => p.urn),
  item('UKPRN', (p) => p.ukprn),
  item('SENsetting', (p) => p.senSetting),
  item('PlacementRank', (p) => p.placementRank),
];
const INDICATOR_ITEMS: readonly Sen2Item<Sen2Placement>[] = [
  item('SENunitIndicator', (p) => p.senUnitIndicator),
  item('ResourcedProvisionIndicator', (p) => p.resourcedProvisionIndicator),
];

export const PLAN_DETAIL_ITEMS: readonly Sen2Item<Sen2Placement>[] = [...ESTABLISHMENT_ITEMS, ...INDICATOR_ITEMS];

export const ACTIVE_PLAN_ITEMS: readonly Sen2Item<Sen2ActivePlan>[] = [
  item('ReviewMeeting', (a) => a.reviewMeeting),
  item('ReviewOutcome', (a) => a.reviewOutcome),
  item('LastReview', (a) => a.lastReview),
  item('PhaseTransferDueDate', (a) => a.phaseTransferDueDate),
  item('PhaseTransferFinalDate', (a) => a.phaseTransferFinalDate),
];

export const PLACEMENT_DETAIL_ITEMS: readonly Sen2Item<Sen2Placement>[] = [
  ...ESTABLISHMENT_ITEMS,
  item('EntryDate', (p) => p.entryDate),
  item('LeavingDate', (p) => p.leavingDate),
  ...INDICATOR_ITEMS,
];

export const SEN_NEED_ITEMS: readonly Sen2Item<Sen2Need>[] = [item('SENtype', (n) => n.senType), item('SENtypeRank', (n) => n.senTypeRank)];

/** The modules in file order, with their XML element and CSV file names. */
export const SEN2_MODULES = [
  { module: 'header', element: 'Header', file: 'sen2-header.csv' },
  { module: 'person', element: 'Person', file: 'sen2-1-person.csv' },
  { module: 'requests', element: 'Requests', file: 'sen2-2-requests.csv' },
  { module: 'assessment', element: 'Assessment', file: 'sen2-3-assessment.csv' },
  { module: 'namedPlan', element: 'NamedPlan', file: 'sen2-4a-named-plan.csv' },
  { module: 'planDetail', element: 'PlanDetail', file: 'sen2-4b-plan-detail.csv' },
  { module: 'activePlans', element: 'ActivePlans', file: 'sen2-5a-active-plans.csv' },
  { module: 'placementDetail', element: 'PlacementDetail', file: 'sen2-5b-placement-detail.csv' },
  { module: 'senNeed', element: 'SENneed', file: 'sen2-5c-sen-need.csv' },
] as const;
export type Sen2ModuleName = (typeof SEN2_MODULES)[number]['module'];

/**
 * One module as a table of text: key columns linking each row to the rows above it (the engine's child,
 * request and placement ids, which only the CSVs carry), then the module's items; an item left out is ''.
 */
export interface Sen2Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}
export type Sen2Tables = Readonly<Record<Sen2ModuleName, Sen2Table>>;

export const PERSON_KEY = 'PersonID';
export const REQUEST_KEY = 'RequestID';
export const PLACEMENT_KEY = 'PlacementID';

/** How many key columns each module's table starts with. */
export const KEY_COLUMNS: Readonly<Record<Sen2ModuleName, readonly string[]>> = {
  header: [],
  person: [PERSON_KEY],
  requests: [PERSON_KEY, REQUEST_KEY],
  assessment: [PERSON_KEY, REQUEST_KEY],
  namedPlan: [PERSON_KEY, REQUEST_KEY],
  planDetail: [PERSON_KEY, REQUEST_KEY, PLACEMENT_KEY],
  activePlans: [PERSON_KEY, REQUEST_KEY],
  placementDetail: [PERSON_KEY, REQUEST_KEY, PLACEMENT_KEY],
  senNeed: [PERSON_KEY, REQUEST_KEY],
};

export const ITEM_COLUMNS: Readonly<Record<Sen2ModuleName, readonly string[]>> = {
  header: [...HEADER_COLLECTION_ITEMS, ...HEADER_SOURCE_ITEMS].map((i) => i.name),
  person: PERSON_ITEMS.map((i) => i.name),
  requests: REQUEST_ITEMS.map((i) => i.name),
  assessment: ASSESSMENT_ITEMS.map((i) => i.name),
  namedPlan: NAMED_PLAN_ITEMS.map((i) => i.name),
  planDetail: PLAN_DETAIL_ITEMS.map((i) => i.name),
  activePlans: ACTIVE_PLAN_ITEMS.map((i) => i.name),
  placementDetail: PLACEMENT_DETAIL_ITEMS.map((i) => i.name),
  senNeed: SEN_NEED_ITEMS.map((i) => i.name),
};

export const text = (value: Sen2Value): string => (value === null ? '' : String(value));

function values<R>(items: readonly Sen2Item<R>[], row: R): string[] {
  return items.map((i) => text(i.value(row)));
}

/** The return as one table per module, rows in file order. */
export function sen2Tables(ret: Sen2Return): Sen2Tables {
  const rows: Record<Sen2ModuleName, string[][]> = {
    header: [values([...HEADER_COLLECTION_ITEMS, ...HEADER_SOURCE_ITEMS], ret.header)],
    person: [],
    requests: [],
    assessment: [],
    namedPlan: [],
    planDetail: [],
    activePlans: [],
    placementDetail: [],
    senNeed: [],
  };
  for (const person of ret.persons) {
    rows.person.push([person.childId, ...values(PERSON_ITEMS, person)]);
    for (const request of person.requests) {
      const keys = [person.childId, request.requestId];
      rows.requests.push([...keys, ...values(REQUEST_ITEMS, request)]);
      const { assessment, activePlan } = request;
      if (assessment !== null) {
        rows.assessment.push([...keys, ...values(ASSESSMENT_ITEMS, assessment)]);
        const plan = assessment.namedPlan;
        if (plan !== null) {
          rows.namedPlan.push([...keys, ...values(NAMED_PLAN_ITEMS, plan)]);
          for (const p of plan.planDetails) rows.planDetail.push([...keys, p.placementId, ...values(PLAN_DETAIL_ITEMS, p)]);
        }
      }
      if (activePlan !== null) {
        rows.activePlans.push([...keys, ...values(ACTIVE_PLAN_ITEMS, activePlan)]);
        for (const p of activePlan.placementDetails) rows.placementDetail.push([...keys, p.placementId, ...values(PLACEMENT_DETAIL_ITEMS, p)]);
        for (const need of activePlan.senNeeds) rows.senNeed.push([...keys, ...values(SEN_NEED_ITEMS, need)]);
      }
    }
  }
  return perModule((module) => ({ columns: [...KEY_COLUMNS[module], ...ITEM_COLUMNS[module]], rows: rows[module] }));
}

/** A table for every module. */
export function perModule(make: (module: Sen2ModuleName) => Sen2Table): Sen2Tables {
  return {
    header: make('header'),
    person: make('person'),
    requests: make('requests'),
    assessment: make('assessment'),
    namedPlan: make('namedPlan'),
    planDetail: make('planDetail'),
    activePlans: make('activePlans'),
    placementDetail: make('placementDetail'),
    senNeed: make('senNeed'),
  };
}
