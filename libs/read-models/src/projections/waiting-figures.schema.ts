import { END_OF_TIME } from './end-of-time';

/*
 * The waiting figures the database keeps beside rm_referrals, so the waiting trend reads a few thousand counts
 * instead of every referral open in the year (docs/domain-rules.md §5, §6). They are sums over the rows of
 * rm_referrals, kept by triggers on it: a child's rows are replaced whole (deleted, then inserted) whenever their
 * events change, late entries, voids, moves and erasure included, so the sums change in the same transaction and
 * never drift. A count falling to zero is deleted, so they are exactly a function of the rows. A rebuild fills
 * rm_referrals without the triggers and counts the rows once at its end (see "Counting afresh" below).
 *
 * - rm_waiting_month_ends, per service, month end and day received: in an area (every = 0), a stretch that has ended
 *   and whose child has an area, at each month end from the later of its first day and the first day of its area
 *   period up to the day before it ended (on those days the child was in `area`, the period holding `open_until`);
 *   for every area together (every = 1, area ''), every stretch that has ended, at each month end it waited.
 * - rm_first_seen_months, per service, month seen and days waited: in an area (every = 0), a referral first seen on
 *   the day its last stretch ended, whose child has an area (the area then is `area`); for every area together
 *   (every = 1, area ''), every referral first seen.
 * - rm_waiting_open: a stretch still open (until END_OF_TIME) whose child has an area, per service, area, first day
 *   of that area period, first day waiting and day received. It waits on every day from waiting_from_day on.
 * A query with or without an area filter reads only its own counts. What they leave out (a child without a
 * registration, a month end before the child's last move, a first appointment after the wait had ended, a day that is
 * not a month end) is read from rm_referrals at query time.
 */

/** A trigger's row, or `r`: every row of rm_referrals when the sums are counted afresh. */
type Row = 'NEW' | 'OLD' | 'r';

/** A month as a count of months since year 0, from a YYYY-MM-DD text expression (SQLite). */
const monthIndex = (date: string) => `(CAST(substr(${date}, 1, 4) AS INTEGER) * 12 + CAST(substr(${date}, 6, 2) AS INTEGER))`;

/** The month ends from `start` up to the day before a stretch row (NEW or OLD) ended: one per step from its first month. */
const sqliteMonthEnds = (row: Row, start: string) => {
  return `SELECT date(${start}, 'start of month', '+' || s.step || ' months', '+1 month', '-1 day') AS month_end FROM rm_month_steps s
      WHERE s.step < ${monthIndex(`${row}.open_until`)} - ${monthIndex(start)}`;
};

const ended = (row: Row) => `${row}.open_until <> '${END_OF_TIME}'`;
const endedInArea = (row: Row) => `${ended(row)} AND ${row}.area IS NOT NULL`;
const seen = (row: Row) => `${row}.seen_day IS NOT NULL`;
const openInArea = (row: Row) => `${row}.open_until = '${END_OF_TIME}' AND ${row}.area IS NOT NULL`;
const seenInArea = (row: Row) => `${row}.seen_day = ${row}.open_until_day AND ${row}.area IS NOT NULL`;

/**
 * The indexes the query-time remainder reads: referrals of a child whose latest area period began late (or who has
 * no area), and first appointments held after the wait had ended or with no area.
 */
const REMAINDER_INDEXES = `
      CREATE INDEX IF NOT EXISTS rm_referrals_moved ON rm_referrals (service, area_from, child_id, received_day, waiting_from_day, open_until_day, area);
      CREATE INDEX IF NOT EXISTS rm_referrals_seen_elsewhere
        ON rm_referrals (service, initial_appointment_on, seen_day, received_day, open_until_day, area, child_id)
        WHERE seen_day <> open_until_day OR area IS NULL;`;

interface Scope {
  readonly every: number;
  readonly area: string;
}

/** One kept sum in SQLite: a row-level trigger adds a row's share when it is inserted, another takes it away when deleted. */
interface SqliteSum {
  readonly name: string;
  readonly table: string;
  readonly count: string;
  /** Which rows (NEW or OLD) count towards the sum. */
  when(row: Row): string;
  /** The INSERT of NEW's share, with a count of 1 per key (a WHERE or VALUES before the upsert). */
  readonly insert: string;
  /** The keys OLD counted towards. */
  readonly keysOf: string;
  /** The sum counted afresh over every row of rm_referrals (`r`), to run on an empty table (`guard` holds when it should). */
  recount(guard: string): string;
}

function sqliteSumTriggers(sum: SqliteSum): string {
  return `
      CREATE TRIGGER IF NOT EXISTS rm_referrals_${sum.name}_added AFTER INSERT ON rm_referrals WHEN ${sum.when('NEW')}
      BEGIN
        ${sum.insert} ON CONFLICT DO UPDATE SET ${sum.count} = ${sum.count} + 1;
      END;
      CREATE TRIGGER IF NOT EXISTS rm_referrals_${sum.name}_removed AFTER DELETE ON rm_referrals WHEN ${sum.when('OLD')}
      BEGIN
        UPDATE ${sum.table} SET ${sum.count} = ${sum.count} - 1 WHERE ${sum.keysOf};
        DELETE FROM ${sum.table} WHERE ${sum.keysOf} AND ${sum.count} = 0;
      END;`;
}

/** A stretch's month ends in its own area, from the later of its first day and its area period's. */
const areaStart = (row: Row) => `max(${row}.waiting_from, ${row}.area_from)`;

const monthEndsSum = (name: string, when: (row: Row) => string, scope: (row: Row) => Scope, start: (row: Row) => string): SqliteSum => ({
  name,
  table: 'rm_waiting_month_ends',
  count: 'waiting',
  when,
  insert: `INSERT INTO rm_waiting_month_ends (service, every, area, month_end, received_day, waiting)
          SELECT NEW.service, ${scope('NEW').every}, ${scope('NEW').area}, e.month_end, NEW.received_day, 1
          FROM (${sqliteMonthEnds('NEW', start('NEW'))}) e WHERE true`,
  keysOf: `service = OLD.service AND every = ${scope('OLD').every} AND area = ${scope('OLD').area} AND received_day = OLD.received_day
            AND month_end IN (${sqliteMonthEnds('OLD', start('OLD'))})`,
  recount: (guard) => `INSERT INTO rm_waiting_month_ends (service, every, area, month_end, received_day, waiting)
          SELECT r.service, ${scope('r').every}, ${scope('r').area},
            date(${start('r')}, 'start of month', '+' || s.step || ' months', '+1 month', '-1 day'), r.received_day, count(*)
          FROM rm_referrals r JOIN rm_month_steps s ON s.step < ${monthIndex('r.open_until')} - ${monthIndex(start('r'))}
          WHERE ${when('r')} AND ${guard} GROUP BY 1, 2, 3, 4, 5;`,
});

const firstSeenSum = (name: string, when: (row: Row) => string, scope: (row: Row) => Scope): SqliteSum => ({
  name,
  table: 'rm_first_seen_months',
  count: 'seen',
  when,
  insert: `INSERT INTO rm_first_seen_months (service, every, area, month, waited, seen)
          VALUES (NEW.service, ${scope('NEW').every}, ${scope('NEW').area}, substr(NEW.initial_appointment_on, 1, 7), NEW.seen_day - NEW.received_day, 1)`,
  keysOf: `service = OLD.service AND every = ${scope('OLD').every} AND area = ${scope('OLD').area}
            AND month = substr(OLD.initial_appointment_on, 1, 7) AND waited = OLD.seen_day - OLD.received_day`,
  recount: (guard) => `INSERT INTO rm_first_seen_months (service, every, area, month, waited, seen)
          SELECT r.service, ${scope('r').every}, ${scope('r').area}, substr(r.initial_appointment_on, 1, 7), r.seen_day - r.received_day, count(*)
          FROM rm_referrals r WHERE ${when('r')} AND ${guard} GROUP BY 1, 2, 3, 4, 5;`,
});

const inOwnArea = (row: Row): Scope => ({ every: 0, area: `${row}.area` });
const inEveryArea = (): Scope => ({ every: 1, area: "''" });

const SQLITE_SUMS: readonly SqliteSum[] = [
  monthEndsSum('month_ends', endedInArea, inOwnArea, areaStart),
  monthEndsSum('month_ends_everywhere', ended, inEveryArea, (row) => `${row}.waiting_from`),
  {
    name: 'open',
    table: 'rm_waiting_open',
    count: 'waiting',
    when: openInArea,
    insert: `INSERT INTO rm_waiting_open (service, area, area_from, waiting_from_day, received_day, waiting)
          VALUES (NEW.service, NEW.area, NEW.area_from, NEW.waiting_from_day, NEW.received_day, 1)`,
    keysOf: `service = OLD.service AND area = OLD.area AND area_from = OLD.area_from AND waiting_from_day = OLD.waiting_from_day
            AND received_day = OLD.received_day`,
    recount: (guard) => `INSERT INTO rm_waiting_open (service, area, area_from, waiting_from_day, received_day, waiting)
          SELECT r.service, r.area, r.area_from, r.waiting_from_day, r.received_day, count(*)
          FROM rm_referrals r WHERE ${openInArea('r')} AND ${guard} GROUP BY 1, 2, 3, 4, 5;`,
  },
  firstSeenSum('seen', seenInArea, inOwnArea),
  firstSeenSum('seen_everywhere', seen, inEveryArea),
];

/** The count tables, dropped and recreated with rm_referrals (Projection.keptBeside). */
export const WAITING_FIGURE_TABLES = ['rm_waiting_month_ends', 'rm_waiting_open', 'rm_first_seen_months'] as const;

/*
 * Counting afresh. Kept row by row, the sums cost a rebuild about a fifth of its time, so a rebuild drops the
 * triggers once the tables are recreated (WAITING_FIGURES_REBUILD_START) and the schema, run again when it ends,
 * counts every row in one statement per sum before putting the triggers back. The schema counts afresh whenever a
 * trigger is missing, so a worker stopped mid-rebuild (or a table dropped with its triggers) is made right at its
 * next start; with every trigger in place the counts are left as they are.
 */
const SQLITE_TRIGGER_NAMES = SQLITE_SUMS.flatMap((sum) => [`rm_referrals_${sum.name}_added`, `rm_referrals_${sum.name}_removed`]);
const SQLITE_TRIGGERS_MISSING = `(SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'rm_referrals'
          AND name IN (${SQLITE_TRIGGER_NAMES.map((name) => `'${name}'`).join(', ')})) < ${SQLITE_TRIGGER_NAMES.length}`;
const POSTGRES_TRIGGER_NAMES = ['rm_referrals_figures_added', 'rm_referrals_figures_removed'];
const POSTGRES_TRIGGERS_MISSING = `(SELECT count(*) FROM pg_trigger WHERE tgrelid = 'rm_referrals'::regclass
          AND tgname IN (${POSTGRES_TRIGGER_NAMES.map((name) => `'${name}'`).join(', ')})) < ${POSTGRES_TRIGGER_NAMES.length}`;

/** Run when a rebuild has recreated the tables: the rows go in without the triggers, and are counted at the end. */
export const WAITING_FIGURES_REBUILD_START = {
  sqlite: SQLITE_TRIGGER_NAMES.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n'),
  postgres: POSTGRES_TRIGGER_NAMES.map((name) => `DROP TRIGGER IF EXISTS ${name} ON rm_referrals;`).join('\n'),
};

export const WAITING_FIGURES_SQLITE = `
      ${REMAINDER_INDEXES}
      CREATE TABLE IF NOT EXISTS rm_waiting_month_ends (
        service TEXT NOT NULL, every INTEGER NOT NULL, area TEXT NOT NULL, month_end TEXT NOT NULL, received_day INTEGER NOT NULL,
        waiting INTEGER NOT NULL,
        PRIMARY KEY (service, every, area, month_end, received_day)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS rm_waiting_open (
        service TEXT NOT NULL, area TEXT NOT NULL, area_from TEXT NOT NULL, waiting_from_day INTEGER NOT NULL, received_day INTEGER NOT NULL,
        waiting INTEGER NOT NULL,
        PRIMARY KEY (service, area, area_from, waiting_from_day, received_day)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS rm_first_seen_months (
        service TEXT NOT NULL, every INTEGER NOT NULL, area TEXT NOT NULL, month TEXT NOT NULL, waited INTEGER NOT NULL, seen INTEGER NOT NULL,
        PRIMARY KEY (service, every, area, month, waited)
      ) WITHOUT ROWID;
      -- SQLite has no generate_series and no WITH inside a trigger: the steps from a stretch's first month to its last, for any date
      CREATE TABLE IF NOT EXISTS rm_month_steps (step INTEGER PRIMARY KEY);
      INSERT INTO rm_month_steps (step)
        WITH RECURSIVE steps(step) AS (SELECT 0 UNION ALL SELECT step + 1 FROM steps WHERE step < 120000)
        SELECT step FROM steps WHERE NOT EXISTS (SELECT 1 FROM rm_month_steps);
      ${WAITING_FIGURE_TABLES.map((table) => `DELETE FROM ${table} WHERE ${SQLITE_TRIGGERS_MISSING};`).join('\n      ')}
      ${SQLITE_SUMS.map((sum) => sum.recount(SQLITE_TRIGGERS_MISSING)).join('\n      ')}
      ${SQLITE_SUMS.map(sqliteSumTriggers).join('')}
`;

/**
 * Month ends a transition table's stretches (`rows`) that have ended waited, one row per stretch and month end: in
 * their own area from the later of their first day and their area period's, and in every area from their first day.
 */
const postgresMonthEnds = (rows: string) => {
  const monthEnds = (start: string) => `CROSS JOIN LATERAL generate_series(
            date_trunc('month', ${start}::timestamp), date_trunc('month', r.open_until::timestamp) - interval '1 month', interval '1 month') AS m`;
  const monthEnd = `to_char(m + interval '1 month' - interval '1 day', 'YYYY-MM-DD')`;
  return `
          SELECT r.service, 0 AS every, r.area, ${monthEnd} AS month_end, r.received_day
          FROM ${rows} r ${monthEnds('greatest(r.waiting_from, r.area_from)')}
          WHERE r.open_until <> '${END_OF_TIME}' AND r.area IS NOT NULL
          UNION ALL SELECT r.service, 1, '', ${monthEnd}, r.received_day
          FROM ${rows} r ${monthEnds('r.waiting_from')}
          WHERE r.open_until <> '${END_OF_TIME}'`;
};

const postgresOpen = (rows: string) => `
          SELECT r.service, r.area, r.area_from, r.waiting_from_day, r.received_day FROM ${rows} r
          WHERE r.open_until = '${END_OF_TIME}' AND r.area IS NOT NULL`;

const postgresSeen = (rows: string) => `
          SELECT r.service, 0 AS every, r.area, substr(r.initial_appointment_on, 1, 7) AS month, r.seen_day - r.received_day AS waited
          FROM ${rows} r WHERE r.seen_day = r.open_until_day AND r.area IS NOT NULL
          UNION ALL SELECT r.service, 1, '', substr(r.initial_appointment_on, 1, 7), r.seen_day - r.received_day
          FROM ${rows} r WHERE r.seen_day IS NOT NULL`;

/** Adds (+) or takes away (-) a statement's rows' share of one sum: grouped, so a batch of thousands of children is one upsert. */
function postgresChange(table: string, count: string, keys: readonly string[], contributions: string, sign: '+' | '-'): string {
  const list = keys.join(', ');
  const grouped = `SELECT ${list}, count(*) AS n FROM (${contributions}) c GROUP BY ${list}`;
  const matches = keys.map((k) => `t.${k} = g.${k}`).join(' AND ');
  if (sign === '+')
    return `INSERT INTO ${table} AS t (${list}, ${count}) ${grouped}
        ON CONFLICT (${list}) DO UPDATE SET ${count} = t.${count} + excluded.${count};`;
  return `UPDATE ${table} t SET ${count} = t.${count} - g.n FROM (${grouped}) g WHERE ${matches};
        DELETE FROM ${table} t USING (${grouped}) g WHERE ${matches} AND t.${count} = 0;`;
}

const MONTH_END_KEYS = ['service', 'every', 'area', 'month_end', 'received_day'];
const OPEN_KEYS = ['service', 'area', 'area_from', 'waiting_from_day', 'received_day'];
const SEEN_KEYS = ['service', 'every', 'area', 'month', 'waited'];

function postgresChanges(rows: string, sign: '+' | '-'): string {
  return [
    postgresChange('rm_waiting_month_ends', 'waiting', MONTH_END_KEYS, postgresMonthEnds(rows), sign),
    postgresChange('rm_waiting_open', 'waiting', OPEN_KEYS, postgresOpen(rows), sign),
    postgresChange('rm_first_seen_months', 'seen', SEEN_KEYS, postgresSeen(rows), sign),
  ].join('\n        ');
}

/** Every sum counted afresh from rm_referrals, into tables just emptied, when a trigger is missing. */
function postgresRecount(): string {
  const all = (contributions: string) => `SELECT * FROM (${contributions}) x WHERE ${POSTGRES_TRIGGERS_MISSING}`;
  return [
    postgresChange('rm_waiting_month_ends', 'waiting', MONTH_END_KEYS, all(postgresMonthEnds('rm_referrals')), '+'),
    postgresChange('rm_waiting_open', 'waiting', OPEN_KEYS, all(postgresOpen('rm_referrals')), '+'),
    postgresChange('rm_first_seen_months', 'seen', SEEN_KEYS, all(postgresSeen('rm_referrals')), '+'),
  ].join('\n      ');
}

export const WAITING_FIGURES_POSTGRES = `
      ${REMAINDER_INDEXES}
      CREATE TABLE IF NOT EXISTS rm_waiting_month_ends (
        service text COLLATE "C" NOT NULL, every integer NOT NULL, area text COLLATE "C" NOT NULL, month_end text COLLATE "C" NOT NULL,
        received_day integer NOT NULL, waiting integer NOT NULL,
        PRIMARY KEY (service, every, area, month_end, received_day) INCLUDE (waiting)
      );
      CREATE TABLE IF NOT EXISTS rm_waiting_open (
        service text COLLATE "C" NOT NULL, area text COLLATE "C" NOT NULL, area_from text COLLATE "C" NOT NULL,
        waiting_from_day integer NOT NULL, received_day integer NOT NULL, waiting integer NOT NULL,
        PRIMARY KEY (service, area, area_from, waiting_from_day, received_day) INCLUDE (waiting)
      );
      CREATE TABLE IF NOT EXISTS rm_first_seen_months (
        service text COLLATE "C" NOT NULL, every integer NOT NULL, area text COLLATE "C" NOT NULL, month text COLLATE "C" NOT NULL,
        waited integer NOT NULL, seen integer NOT NULL,
        PRIMARY KEY (service, every, area, month, waited) INCLUDE (seen)
      );
      ${WAITING_FIGURE_TABLES.map((table) => `DELETE FROM ${table} WHERE ${POSTGRES_TRIGGERS_MISSING};`).join('\n      ')}
      ${postgresRecount()}
      CREATE OR REPLACE FUNCTION rm_referrals_figures_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${postgresChanges('added', '+')}
        RETURN NULL;
      END $$;
      CREATE OR REPLACE FUNCTION rm_referrals_figures_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${postgresChanges('removed', '-')}
        RETURN NULL;
      END $$;
      CREATE OR REPLACE TRIGGER rm_referrals_figures_added AFTER INSERT ON rm_referrals
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rm_referrals_figures_added();
      CREATE OR REPLACE TRIGGER rm_referrals_figures_removed AFTER DELETE ON rm_referrals
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rm_referrals_figures_removed();
`;
