/** A value bound to a named parameter, written `@name` in the SQL. A list only where the dialect binds one (PostgreSQL's arrays). */
export type SqlValue = string | number | null | readonly string[];
export type SqlParams = Readonly<Record<string, SqlValue>>;

/** A clock's primary key: child, clock name, clock key. */
export type ClockKey = readonly [childId: string, clock: string, key: string];

/**
 * The few places where SQLite and PostgreSQL spell the managers' queries differently. Everything else in the
 * queries is SQL both engines read the same way.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The smaller of two text expressions. */
  least(a: string, b: string): string;
  /** Whole days from one YYYY-MM-DD text expression to another (negative when `to` is earlier). */
  daysFrom(from: string, to: string): string;
  /**
   * An ORDER BY term for a text column with NULLs after every value. PostgreSQL sorts (and indexes) NULLs last
   * already; SQLite puts them first.
   */
  nullsLast(column: string): string;
  /**
   * A join that keeps the table on its left as the outer loop. SQLite plans joins in the order written only
   * for CROSS JOIN; PostgreSQL orders them itself, from its statistics, and has no ON for CROSS JOIN.
   */
  readonly orderedJoin: string;
  /** A derived table `k (child_id, clock, clock_key)` of the given keys, to join on, with its parameters. */
  clockKeys(keys: readonly ClockKey[]): { readonly sql: string; readonly params: SqlParams };
}

/** Read access to the read models inside one snapshot: what the managers' queries run on. */
export interface ReadModelSql {
  readonly dialect: SqlDialect;
  /** Rows as objects keyed by column name. */
  rows<T>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Rows as arrays in column order: half the cost of objects when a query reads tens of thousands of rows. */
  arrays<T extends readonly unknown[]>(sql: string, params?: SqlParams): Promise<T[]>;
  /** True once all of these tables exist (the worker creates them on its first start). */
  hasTables(...tables: string[]): Promise<boolean>;
}
