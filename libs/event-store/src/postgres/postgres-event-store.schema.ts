import type { SchemaComponent } from '@sj/postgres';

/** Raised by `append_events`; the adapter turns them into the port's errors. */
export const APPEND_ERRORS = {
  /** The stream is not at the expected revision; DETAIL holds the actual one (or `no-stream`). */
  concurrency: 'SJ409',
  /** An event id is already stored at another place; DETAIL holds the id. */
  duplicateEventId: 'SJ422',
  /** Another transaction took a revision or an id between the checks and the insert: try the append again. */
  raced: 'SJ408',
} as const;

export const NOTIFY_CHANNEL = 'sj_events';

/** First key of the per-stream append locks (two-key advisory locks), kept apart from any other lock's keys. */
const STREAM_LOCK_SPACE = 1_936_330_101;

/*
 * A sequence hands out `position`s in the order transactions ask, not the order they commit: position 11 can be
 * readable while 10 is still in flight. Each row also records its transaction (`tx`), and readers take only rows
 * whose transaction is older than every transaction still running (`pg_snapshot_xmin`), in (tx, position) order.
 * That set never grows behind a reader's back, so a checkpoint never skips a late commit; a long transaction only
 * holds readers back until it ends.
 *
 * Personal data lives only in `data` and `metadata`, so erasure can rewrite those in place and keep every position.
 */
const EVENTS_TABLE = `
  CREATE TABLE events (
    tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
    position bigint GENERATED ALWAYS AS IDENTITY,
    stream_id text NOT NULL,
    stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
    event_id text NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    CONSTRAINT events_global_order PRIMARY KEY (tx, position),
    CONSTRAINT events_event_id UNIQUE (event_id),
    CONSTRAINT events_stream UNIQUE (stream_id, stream_revision)
  );
`;

/*
 * One round trip per append. Expected revision: a revision, -1 for no-stream, -2 for any. `p_events` is a JSON
 * array of {id, type, data, metadata}. Appends to one stream queue on a lock held to commit, so each sees the one
 * before it; the insert still skips a row whose id another stream's append took meanwhile (ON CONFLICT DO NOTHING
 * waits for that transaction first), and the caller is told to try again, when the checks see the winner.
 */
const APPEND_FUNCTION = `
  CREATE FUNCTION append_events(p_stream text, p_expected bigint, p_events jsonb)
  RETURNS TABLE (last_revision bigint, last_tx text, last_position bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_count integer := jsonb_array_length(p_events);
    v_stored integer;
    v_first bigint;
    v_in_place integer;
    v_current bigint;
    v_inserted integer;
    v_stray text;
  BEGIN
    PERFORM pg_advisory_xact_lock(${STREAM_LOCK_SPACE}, hashtext(p_stream));
    SELECT count(*) INTO v_stored
      FROM jsonb_array_elements(p_events) AS n(ev) JOIN events e ON e.event_id = n.ev->>'id';
    IF v_stored > 0 THEN
      -- A retry of an append already stored finds its ids in this stream, in order, where that append put them.
      v_first := CASE p_expected
        WHEN -1 THEN 0
        WHEN -2 THEN (SELECT e.stream_revision FROM events e WHERE e.event_id = p_events->0->>'id')
        ELSE p_expected + 1 END;
      SELECT count(*) INTO v_in_place
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, i)
        JOIN events e ON e.event_id = n.ev->>'id' AND e.stream_id = p_stream AND e.stream_revision = v_first + n.i - 1;
      IF v_in_place = v_count THEN
        RETURN QUERY SELECT e.stream_revision, e.tx::text, e.position FROM events e
          WHERE e.event_id = p_events->(v_count - 1)->>'id';
        RETURN;
      END IF;
      SELECT n.ev->>'id' INTO v_stray
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, i) JOIN events e ON e.event_id = n.ev->>'id'
        ORDER BY n.i LIMIT 1;
      RAISE EXCEPTION 'event id % is already recorded elsewhere', v_stray USING ERRCODE = '${APPEND_ERRORS.duplicateEventId}', DETAIL = v_stray;
    END IF;

    SELECT max(e.stream_revision) INTO v_current FROM events e WHERE e.stream_id = p_stream;
    IF p_expected <> -2 AND coalesce(v_current, -1) <> p_expected THEN
      RAISE EXCEPTION 'stream % is at revision %', p_stream, coalesce(v_current::text, 'no-stream')
        USING ERRCODE = '${APPEND_ERRORS.concurrency}', DETAIL = coalesce(v_current::text, 'no-stream');
    END IF;

    INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
      SELECT p_stream, coalesce(v_current, -1) + n.i, n.ev->>'id', n.ev->>'type', n.ev->'data', n.ev->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, i)
      ORDER BY n.i
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted < v_count THEN
      RAISE EXCEPTION 'stream % moved while appending', p_stream USING ERRCODE = '${APPEND_ERRORS.raced}';
    END IF;

    -- Delivered at commit, to every listening subscriber: a hint to read now rather than at the next poll.
    PERFORM pg_notify('${NOTIFY_CHANNEL}', '');
    RETURN QUERY SELECT e.stream_revision, e.tx::text, e.position FROM events e
      WHERE e.stream_id = p_stream AND e.stream_revision = coalesce(v_current, -1) + v_count;
  END
  $fn$;
`;

/*
 * Version 2 of append_events: the same answers, found in fewer steps. Version 1 looked for the payload's ids before
 * every insert, and the planner, taking a JSON array for a hundred rows, joined it by reading the whole table: each
 * append cost a scan of the log. Now an append that finds its stream at the expected revision inserts at once; only
 * when an id was already taken (the insert skipped a row) or the revision differs does it look the ids up, one
 * unique-index probe each, in the payload's order. Whatever it inserted before finding a taken id is undone by the
 * error it then raises, so the cases stay those of version 1: a retry finds its ids in place and gets the original
 * answer; an id stored elsewhere is refused; otherwise a revision that moved is a concurrency error. The answer comes
 * from the insert itself (RETURNING, and this transaction's id), not from reading the new row back.
 */
const APPEND_FUNCTION_V2 = `
  CREATE OR REPLACE FUNCTION append_events(p_stream text, p_expected bigint, p_events jsonb)
  RETURNS TABLE (last_revision bigint, last_tx text, last_position bigint)
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_count integer := jsonb_array_length(p_events);
    v_current bigint;
    v_inserted text[] := '{}';
    v_last_position bigint;
    v_ids text[];
    v_first bigint;
    v_in_place integer := 0;
    v_stray text;
    v_found events%ROWTYPE;
  BEGIN
    PERFORM pg_advisory_xact_lock(${STREAM_LOCK_SPACE}, hashtext(p_stream));
    SELECT max(e.stream_revision) INTO v_current FROM events e WHERE e.stream_id = p_stream;

    IF p_expected = -2 OR coalesce(v_current, -1) = p_expected THEN
      WITH inserted AS (
        INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata)
          SELECT p_stream, coalesce(v_current, -1) + n.i, n.ev->>'id', n.ev->>'type', n.ev->'data', n.ev->'metadata'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, i)
          ORDER BY n.i
          ON CONFLICT DO NOTHING
          RETURNING event_id, position
      )
      SELECT coalesce(array_agg(i.event_id), '{}'), max(i.position) INTO v_inserted, v_last_position FROM inserted i;
      IF cardinality(v_inserted) = v_count THEN
        -- Delivered at commit, to every listening subscriber: a hint to read now rather than at the next poll.
        PERFORM pg_notify('${NOTIFY_CHANNEL}', '');
        RETURN QUERY SELECT coalesce(v_current, -1) + v_count, pg_current_xact_id()::text, v_last_position;
        RETURN;
      END IF;
    END IF;

    -- The ids this call did not insert itself, looked up in the payload's order. A retry of an append already
    -- stored finds them all in this stream, in order, where that append put them.
    v_ids := ARRAY(SELECT n.ev->>'id' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, i) ORDER BY n.i);
    FOR i IN 1 .. v_count LOOP
      CONTINUE WHEN v_ids[i] = ANY (v_inserted);
      SELECT * INTO v_found FROM events e WHERE e.event_id = v_ids[i];
      CONTINUE WHEN NOT FOUND;
      v_stray := coalesce(v_stray, v_ids[i]);
      IF i = 1 THEN
        v_first := CASE p_expected WHEN -1 THEN 0 WHEN -2 THEN v_found.stream_revision ELSE p_expected + 1 END;
      END IF;
      IF v_found.stream_id = p_stream AND v_found.stream_revision = v_first + i - 1 THEN
        v_in_place := v_in_place + 1;
      END IF;
    END LOOP;
    IF v_in_place = v_count THEN
      RETURN QUERY SELECT v_found.stream_revision, v_found.tx::text, v_found.position;
      RETURN;
    END IF;
    IF v_stray IS NOT NULL THEN
      RAISE EXCEPTION 'event id % is already recorded elsewhere', v_stray USING ERRCODE = '${APPEND_ERRORS.duplicateEventId}', DETAIL = v_stray;
    END IF;
    IF p_expected <> -2 AND coalesce(v_current, -1) <> p_expected THEN
      RAISE EXCEPTION 'stream % is at revision %', p_stream, coalesce(v_current::text, 'no-stream')
        USING ERRCODE = '${APPEND_ERRORS.concurrency}', DETAIL = coalesce(v_current::text, 'no-stream');
    END IF;
    RAISE EXCEPTION 'stream % moved while appending', p_stream USING ERRCODE = '${APPEND_ERRORS.raced}';
  END
  $fn$;
`;

export const EVENT_STORE_SCHEMA: SchemaComponent = {
  component: 'event-store',
  migrations: [
    { version: 1, name: 'events in transaction order, append_events', sql: EVENTS_TABLE + APPEND_FUNCTION },
    { version: 2, name: 'append_events inserts first and looks ids up only when one is taken', sql: APPEND_FUNCTION_V2 },
  ],
};
