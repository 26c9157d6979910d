import type { Sen2Return } from '@sj/domain';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import {
  ACTIVE_PLAN_ITEMS,
  ASSESSMENT_ITEMS,
  HEADER_COLLECTION_ITEMS,
  HEADER_SOURCE_ITEMS,
  NAMED_PLAN_ITEMS,
  PERSON_ITEMS,
  PLACEMENT_DETAIL_ITEMS,
  PLAN_DETAIL_ITEMS,
  REQUEST_ITEMS,
  SEN_NEED_ITEMS,
  text,
  type Sen2Item,
} from './sen2-modules';

/** Each item with a value as an element; an item with none is left out, as DfE's files leave out empty items. */
function items<R>(xml: XMLBuilderCB, list: readonly Sen2Item<R>[], row: R): void {
  for (const { name, value } of list) {
    const v = value(row);
    if (v !== null) xml.ele(name).txt(text(v)).up();
  }
}

/**
 * Writes the return as the XML file DfE's collection takes (docs/sen2.md), chunk by chunk to `sink`: xmlbuilder2
 * serialises as it goes (escaping every value), so a return of tens of thousands of children never sits in
 * memory as a document tree.
 */
export function writeSen2Xml(ret: Sen2Return, sink: (chunk: string) => void): void {
  let failure: Error | undefined;
  const xml = createCB({ data: (chunk: string) => sink(chunk), error: (err: Error) => (failure = err), prettyPrint: true, wellFormed: true });
  xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('Message').ele('Header').ele('CollectionDetails');
  items(xml, HEADER_COLLECTION_ITEMS, ret.header);
  xml.up().ele('Source');
  items(xml, HEADER_SOURCE_ITEMS, ret.header);
  xml.up().up().ele('Persons');
  for (const person of ret.persons) {
    xml.ele('Person');
    items(xml, PERSON_ITEMS, person);
    for (const request of person.requests) {
      xml.ele('Requests');
      items(xml, REQUEST_ITEMS, request);
      const { assessment, activePlan } = request;
      if (assessment !== null) {
        xml.ele('Assessment');
        items(xml, ASSESSMENT_ITEMS, assessment);
        if (assessment.namedPlan !== null) {
          xml.ele('NamedPlan');
          items(xml, NAMED_PLAN_ITEMS, assessment.namedPlan);
          for (const placement of assessment.namedPlan.planDetails) {
            xml.ele('PlanDetail');
            items(xml, PLAN_DETAIL_ITEMS, placement);
            xml.up();
          }
          xml.up();
        }
        xml.up();
      }
      if (activePlan !== null) {
        xml.ele('ActivePlans');
        items(xml, ACTIVE_PLAN_ITEMS, activePlan);
        for (const placement of activePlan.placementDetails) {
          xml.ele('PlacementDetail');
          items(xml, PLACEMENT_DETAIL_ITEMS, placement);
          xml.up();
        }
        for (const need of activePlan.senNeeds) {
          xml.ele('SENneed');
          items(xml, SEN_NEED_ITEMS, need);
          xml.up();
        }
        xml.up();
      }
      xml.up();
    }
    xml.up();
  }
  xml.up().up().end();
  if (failure !== undefined) throw failure;
}

export function sen2Xml(ret: Sen2Return): string {
  const chunks: string[] = [];
  writeSen2Xml(ret, (chunk) => chunks.push(chunk));
  return chunks.join('');
}
