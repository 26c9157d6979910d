import { ALERTS_SCHEMA } from '@sj/alerts';
import { AUDIT_LOG_SCHEMA } from '@sj/audit';
import { CHILD_KEYS_SCHEMA, EVENT_STORE_SCHEMA } from '@sj/event-store';
import { IDENTITY_SCHEMA, SIGNING_SECRET_SCHEMA } from '@sj/identity';
import type { SchemaComponent } from '@sj/postgres';
import { CHILD_SEARCH_SCHEMA, READ_MODELS_SCHEMA } from '@sj/read-models';

/**
 * Every component's tables in PostgreSQL. Each store brings its own tables up to date as it opens; this list is
 * what `npm run migrate` brings up to date in one go, before new processes start (a deployment's first step).
 * A store with tables in PostgreSQL adds its component here.
 */
export const POSTGRES_SCHEMAS: readonly SchemaComponent[] = [
  EVENT_STORE_SCHEMA,
  CHILD_KEYS_SCHEMA,
  AUDIT_LOG_SCHEMA,
  ALERTS_SCHEMA,
  READ_MODELS_SCHEMA,
  CHILD_SEARCH_SCHEMA,
  IDENTITY_SCHEMA,
  SIGNING_SECRET_SCHEMA,
];
