import type { Sen2ActivePlan, Sen2Assessment, Sen2Person, Sen2Request, Sen2Return } from '@sj/domain';
import XMLBuilder from 'fast-xml-builder';
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

/** An element's content: its items in order, then the elements nested in it (repeated ones as lists). */
type XmlElement = Record<string, string | XmlElement[] | XmlNode>;
/** A single nested element (the header's parts, an assessment, a plan), as the builder takes it. */
type XmlNode = Readonly<Record<string, unknown>>;

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Each item with a value, in the module's order; an item with none is left out, as DfE's files leave out empty items. */
function items<R>(list: readonly Sen2Item<R>[], row: R): XmlElement {
  const element: XmlElement = {};
  for (const { name, value } of list) {
    const v = value(row);
    if (v !== null) element[name] = text(v);
  }
  return element;
}

const nested = (name: string, children: XmlElement[]): XmlElement => (children.length === 0 ? {} : { [name]: children });

function assessmentOf(assessment: Sen2Assessment): XmlElement {
  const plan = assessment.namedPlan;
  return {
    ...items(ASSESSMENT_ITEMS, assessment),
    ...(plan === null
      ? {}
      : {
          NamedPlan: {
            ...items(NAMED_PLAN_ITEMS, plan),
            ...nested(
              'PlanDetail',
              plan.planDetails.map((p) => items(PLAN_DETAIL_ITEMS, p)),
            ),
          },
        }),
  };
}

function activePlanOf(active: Sen2ActivePlan): XmlElement {
  return {
    ...items(ACTIVE_PLAN_ITEMS, active),
    ...nested(
      'PlacementDetail',
      active.placementDetails.map((p) => items(PLACEMENT_DETAIL_ITEMS, p)),
    ),
    ...nested(
      'SENneed',
      active.senNeeds.map((n) => items(SEN_NEED_ITEMS, n)),
    ),
  };
}

function requestOf(request: Sen2Request): XmlElement {
  return {
    ...items(REQUEST_ITEMS, request),
    ...(request.assessment === null ? {} : { Assessment: assessmentOf(request.assessment) }),
    ...(request.activePlan === null ? {} : { ActivePlans: activePlanOf(request.activePlan) }),
  };
}

function personOf(person: Sen2Person): XmlElement {
  return { ...items(PERSON_ITEMS, person), ...nested('Requests', person.requests.map(requestOf)) };
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', processEntities: true });

/**
 * The return as the XML file DfE's collection takes (docs/sen2.md): the document is described as nested
 * elements and serialised by fast-xml-builder, which escapes every value, so no value can break the file.
 */
export function sen2Xml(ret: Sen2Return): string {
  const message: XmlElement = {
    Message: {
      Header: { CollectionDetails: items(HEADER_COLLECTION_ITEMS, ret.header), Source: items(HEADER_SOURCE_ITEMS, ret.header) },
      Persons: nested('Person', ret.persons.map(personOf)),
    },
  };
  return DECLARATION + builder.build(message);
}
