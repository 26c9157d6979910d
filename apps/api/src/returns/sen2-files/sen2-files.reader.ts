import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import {
  ITEM_COLUMNS,
  KEY_COLUMNS,
  perModule,
  PERSON_KEY,
  PLACEMENT_KEY,
  REQUEST_KEY,
  SEN2_MODULES,
  type Sen2ModuleName,
  type Sen2Table,
  type Sen2Tables,
} from './sen2-modules';

/**
 * Reads SEN2 files back into module tables, to check that the XML and the CSVs say the same thing. The XML
 * carries no ids, so rows are linked by position: the n-th person, their n-th request, the n-th placement
 * under it; `byPosition` puts the CSVs' ids into the same form.
 */
/** A parsed element: its items as text, its nested elements as lists (see REPEATED). */
type Parsed = Readonly<Record<string, string | ParsedList | undefined>>;
type ParsedList = readonly Parsed[];

/** Every element that holds other elements is read as a list, so one and several read alike. */
const CONTAINERS = new Set([
  'Message',
  'Header',
  'CollectionDetails',
  'Source',
  'Persons',
  'Person',
  'Requests',
  'Assessment',
  'NamedPlan',
  'PlanDetail',
  'ActivePlans',
  'PlacementDetail',
  'SENneed',
]);

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => CONTAINERS.has(name) });

function children(element: Parsed, name: string): ParsedList {
  const found = element[name];
  return typeof found === 'object' ? found : [];
}

function only(element: Parsed, name: string): Parsed {
  const found = children(element, name);
  if (found.length !== 1) throw new Error(`SEN2 XML: expected one <${name}>, found ${found.length}`);
  return found[0];
}

/** The module's items as text ('' when left out), in ITEM_COLUMNS order. */
function itemsOf(element: Parsed, module: Sen2ModuleName): string[] {
  return ITEM_COLUMNS[module].map((name) => {
    const value = element[name];
    return typeof value === 'string' ? value : '';
  });
}

type Rows = Record<Sen2ModuleName, string[][]>;

function emptyRows(): Rows {
  return { header: [], person: [], requests: [], assessment: [], namedPlan: [], planDetail: [], activePlans: [], placementDetail: [], senNeed: [] };
}

function tablesOf(rows: Rows): Sen2Tables {
  return perModule((module) => ({ columns: [...KEY_COLUMNS[module], ...ITEM_COLUMNS[module]], rows: rows[module] }));
}

export function readSen2Xml(xml: string): Sen2Tables {
  // throws, naming the line, when the file is not well formed
  SyntaxValidator.validate(xml);
  const message = only(parser.parse(xml) as Parsed, 'Message');
  const rows = emptyRows();
  const header = only(message, 'Header');
  const collection = itemsOf(only(header, 'CollectionDetails'), 'header');
  const source = itemsOf(only(header, 'Source'), 'header');
  rows.header.push(collection.map((v, i) => (v !== '' ? v : source[i])));
  children(only(message, 'Persons'), 'Person').forEach((person, p) => {
    const personKey = String(p + 1);
    rows.person.push([personKey, ...itemsOf(person, 'person')]);
    children(person, 'Requests').forEach((request, r) => {
      const keys = [personKey, String(r + 1)];
      rows.requests.push([...keys, ...itemsOf(request, 'requests')]);
      for (const assessment of children(request, 'Assessment')) {
        rows.assessment.push([...keys, ...itemsOf(assessment, 'assessment')]);
        for (const plan of children(assessment, 'NamedPlan')) {
          rows.namedPlan.push([...keys, ...itemsOf(plan, 'namedPlan')]);
          children(plan, 'PlanDetail').forEach((detail, d) => rows.planDetail.push([...keys, String(d + 1), ...itemsOf(detail, 'planDetail')]));
        }
      }
      for (const active of children(request, 'ActivePlans')) {
        rows.activePlans.push([...keys, ...itemsOf(active, 'activePlans')]);
        children(active, 'PlacementDetail').forEach((detail, d) =>
          rows.placementDetail.push([...keys, String(d + 1), ...itemsOf(detail, 'placementDetail')]),
        );
        for (const need of children(active, 'SENneed')) rows.senNeed.push([...keys, ...itemsOf(need, 'senNeed')]);
      }
    });
  });
  return tablesOf(rows);
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; lines end with CRLF. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The zip of module CSVs as tables, ids as written. */
export function readSen2CsvZip(zip: Uint8Array): Sen2Tables {
  const files = unzipSync(zip);
  return perModule((module) => {
    const file = SEN2_MODULES.find((m) => m.module === module)?.file ?? '';
    if (!(file in files)) throw new Error(`SEN2 zip: no ${file}`);
    const [columns = [], ...rows] = parseCsv(strFromU8(files[file]));
    return { columns, rows };
  });
}

/** The same tables with each id replaced by its position under its parent, as the XML reader numbers rows. */
export function byPosition(tables: Sen2Tables): Sen2Tables {
  const people = new Map<string, string>();
  for (const [childId = ''] of tables.person.rows) people.set(childId, String(people.size + 1));
  const requests = new Map<string, string>();
  const perPerson = new Map<string, number>();
  for (const [childId = '', requestId = ''] of tables.requests.rows) {
    const n = (perPerson.get(childId) ?? 0) + 1;
    perPerson.set(childId, n);
    requests.set(`${childId}\n${requestId}`, String(n));
  }
  const renumber = (module: Sen2ModuleName): Sen2Table => {
    const keys = KEY_COLUMNS[module];
    const placements = new Map<string, number>();
    const rows = tables[module].rows.map((row) => {
      const [childId = '', requestId = ''] = row;
      const renamed = keys.map((key, i) => {
        if (key === PERSON_KEY) return people.get(childId) ?? '?';
        if (key === REQUEST_KEY) return requests.get(`${childId}\n${requestId}`) ?? '?';
        const parent = `${childId}\n${requestId}`;
        const n = (placements.get(parent) ?? 0) + 1;
        placements.set(parent, n);
        return key === PLACEMENT_KEY ? String(n) : (row[i] ?? '');
      });
      return [...renamed, ...row.slice(keys.length)];
    });
    return { columns: tables[module].columns, rows };
  };
  return perModule(renumber);
}
