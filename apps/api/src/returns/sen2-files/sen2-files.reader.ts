import { strFromU8, unzipSync } from 'fflate';
import { create } from 'xmlbuilder2';
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
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}
const ELEMENT = 1;

function elements(node: DomNode, name?: string): DomNode[] {
  return Array.from(node.childNodes).filter((n) => n.nodeType === ELEMENT && (name === undefined || n.nodeName === name));
}

function only(node: DomNode, name: string): DomNode {
  const found = elements(node, name);
  if (found.length !== 1) throw new Error(`SEN2 XML: expected one <${name}> in <${node.nodeName}>, found ${found.length}`);
  return found[0];
}

/** The module's items as text ('' when left out), in ITEM_COLUMNS order. */
function itemsOf(node: DomNode, module: Sen2ModuleName): string[] {
  const leaves = new Map(
    elements(node)
      .filter((e) => elements(e).length === 0)
      .map((e) => [e.nodeName, e.textContent ?? '']),
  );
  return ITEM_COLUMNS[module].map((name) => leaves.get(name) ?? '');
}

type Rows = Record<Sen2ModuleName, string[][]>;

function emptyRows(): Rows {
  return { header: [], person: [], requests: [], assessment: [], namedPlan: [], planDetail: [], activePlans: [], placementDetail: [], senNeed: [] };
}

function tablesOf(rows: Rows): Sen2Tables {
  return perModule((module) => ({ columns: [...KEY_COLUMNS[module], ...ITEM_COLUMNS[module]], rows: rows[module] }));
}

export function readSen2Xml(xml: string): Sen2Tables {
  const message = create(xml).root().node as unknown as DomNode;
  if (message.nodeName !== 'Message') throw new Error(`SEN2 XML: the root is <${message.nodeName}>, not <Message>`);
  const rows = emptyRows();
  const header = only(message, 'Header');
  rows.header = [mergeHeader(only(header, 'CollectionDetails'), only(header, 'Source'))];
  elements(only(message, 'Persons'), 'Person').forEach((person, p) => {
    const personKey = String(p + 1);
    rows.person.push([personKey, ...itemsOf(person, 'person')]);
    elements(person, 'Requests').forEach((request, r) => {
      const keys = [personKey, String(r + 1)];
      rows.requests.push([...keys, ...itemsOf(request, 'requests')]);
      for (const assessment of elements(request, 'Assessment')) {
        rows.assessment.push([...keys, ...itemsOf(assessment, 'assessment')]);
        for (const plan of elements(assessment, 'NamedPlan')) {
          rows.namedPlan.push([...keys, ...itemsOf(plan, 'namedPlan')]);
          elements(plan, 'PlanDetail').forEach((detail, d) => rows.planDetail.push([...keys, String(d + 1), ...itemsOf(detail, 'planDetail')]));
        }
      }
      for (const active of elements(request, 'ActivePlans')) {
        rows.activePlans.push([...keys, ...itemsOf(active, 'activePlans')]);
        elements(active, 'PlacementDetail').forEach((detail, d) =>
          rows.placementDetail.push([...keys, String(d + 1), ...itemsOf(detail, 'placementDetail')]),
        );
        for (const need of elements(active, 'SENneed')) rows.senNeed.push([...keys, ...itemsOf(need, 'senNeed')]);
      }
    });
  });
  return tablesOf(rows);
}

/** The header's items come from two elements, CollectionDetails and Source. */
function mergeHeader(collection: DomNode, source: DomNode): string[] {
  const fromCollection = itemsOf(collection, 'header');
  const fromSource = itemsOf(source, 'header');
  return fromCollection.map((v, i) => (v !== '' ? v : (fromSource[i] ?? '')));
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
