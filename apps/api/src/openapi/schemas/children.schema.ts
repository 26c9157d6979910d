import type { OperationObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FIND_CHILD_PAGE_SIZE, SEARCH_MAX_LENGTH } from '../../children-search/find-child-query.dto';

/*
 * GET /children is served by the web controller (one path for scripts and for the Find a child page), which the
 * document leaves out as a whole; its JSON answer is described here and added by refineOpenApiDocument.
 */

const ERROR_BODY = { $ref: '#/components/schemas/ErrorBodySchema' };

export const FIND_CHILD_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  FoundChildSchema: {
    type: 'object',
    required: ['childId', 'area', 'school', 'caseworker', 'currentStages'],
    properties: {
      childId: { type: 'string', example: 'child-0001' },
      name: {
        type: 'string',
        description: 'given and family name, "erased" once the personal data is erased; only for caseworkers and admins',
        example: 'Amira Smith',
      },
      dateOfBirth: { type: 'string', format: 'date', nullable: true, description: 'only for caseworkers and admins; null once erased' },
      area: { type: 'string', example: 'north' },
      school: { type: 'string', nullable: true, example: 'Oak Primary' },
      caseworker: { type: 'string', nullable: true, example: 'cw-42' },
      currentStages: { type: 'array', items: { type: 'string' }, example: ['EHC needs assessment: awaiting decision to assess'] },
    },
  },
  FoundChildrenSchema: {
    type: 'object',
    required: ['items', 'page', 'pageSize', 'total', 'asOf', 'search'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/FoundChildSchema' } },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1 },
      total: { type: 'integer', minimum: 0, description: 'every child found, on every page' },
      asOf: { type: 'string', format: 'date' },
      search: { type: 'string', description: 'the search as understood (spaces around it removed)' },
    },
  },
};

export const FIND_CHILD_OPERATION: OperationObject = {
  operationId: 'WebController_findChild',
  tags: ['journeys'],
  summary: 'Find children in your areas by name, NHS number, UPN or child id',
  description:
    "Every word of the search must be one of the child's names (any case, accents ignored), or the search is the child's NHS number " +
    "(spaces ignored), UPN or child id. Only children in the caller's areas are found, in child id order; a child elsewhere is " +
    'answered exactly as one that does not exist. Caseworkers and managers (and admins); names and dates of birth for caseworkers and admins only.',
  parameters: [
    {
      name: 'search',
      in: 'query',
      required: true,
      schema: { type: 'string', minLength: 1, maxLength: SEARCH_MAX_LENGTH },
      example: 'Amira Smith',
      description: 'a name, NHS number, UPN or child id',
    },
    { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
    { name: 'pageSize', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: FIND_CHILD_PAGE_SIZE } },
  ],
  responses: {
    '200': { description: 'the children found', content: { 'application/json': { schema: { $ref: '#/components/schemas/FoundChildrenSchema' } } } },
    '400': {
      description: 'no search, or one too long or without a letter or digit: details names the parameter',
      content: { 'application/json': { schema: ERROR_BODY } },
    },
    '503': { description: 'the search index is not available', content: { 'application/json': { schema: ERROR_BODY } } },
  },
};
