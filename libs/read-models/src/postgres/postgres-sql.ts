import type { ClientBase, QueryConfig } from 'pg';
import type { ClockKey, ReadModelSql, SqlDialect, SqlParams } from '../sql/read-model-sql';

export const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  least: (a, b) => `LEAST(${a}, ${b})`,
  // through text first, so a parameter compared with text columns elsewhere in the query keeps one type
  daysFrom: (from, to) => `((${to})::text::date - (${from})::text::date)`,
  nullsLast: (column) => column,
  orderedJoin: 'JOIN',
  clockKeys: (keys: readonly ClockKey[]) => ({
    sql: 'unnest(@keyChildren::text[], @keyClocks::text[], @keyKeys::text[]) AS k (child_id, clock, clock_key)',
    params: { keyChildren: keys.map((k) => k[0]), keyClocks: keys.map((k) => k[1]), keyKeys: keys.map((k) => k[2]) },
  }),
};

interface Numbered {
  readonly text: string;
  readonly names: readonly string[];
}

const NAMED = /@([A-Za-z_][A-Za-z0-9_]*)/g;
const numberedCache = new Map<string, Numbered>();

/** `@name` parameters as PostgreSQL's `$1, $2…`, the same name always the same number. */
function numbered(sql: string): Numbered {
  let found = numberedCache.get(sql);
  if (found === undefined) {
    const names: string[] = [];
    const text = sql.replace(NAMED, (_match, name: string) => {
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      return `$${index + 1}`;
    });
    found = { text, names };
    if (numberedCache.size > 512) numberedCache.clear();
    numberedCache.set(sql, found);
  }
  return found;
}

/** A query written with `@name` parameters, ready for `pg`. */
export function namedQuery(sql: string, params: SqlParams = {}): QueryConfig {
  const { text, names } = numbered(sql);
  const values = names.map((name) => {
    if (!(name in params)) throw new Error(`no value for @${name} in ${sql.slice(0, 80)}`);
    return params[name];
  });
  return { text, values };
}

/** The managers' queries on one PostgreSQL connection, inside the snapshot its caller opened. */
export class PostgresSql implements ReadModelSql {
  readonly dialect = POSTGRES_DIALECT;

  constructor(private readonly client: ClientBase) {}

  async rows<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await this.client.query(namedQuery(sql, params))).rows as T[];
  }

  async arrays<T extends readonly unknown[]>(sql: string, params?: SqlParams): Promise<T[]> {
    const { rows } = await this.client.query({ ...namedQuery(sql, params), rowMode: 'array' as const });
    return rows as unknown[] as T[];
  }

  async hasTables(...tables: string[]): Promise<boolean> {
    const { rows } = await this.client.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM unnest($1::text[]) AS t (name) WHERE to_regclass(t.name) IS NOT NULL',
      [tables],
    );
    return rows[0].n === tables.length;
  }
}
