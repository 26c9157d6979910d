import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommit } from './group-commit';
import { isSqliteUnavailable } from './sqlite-failure';

describe('group commit: writes asked for in one turn share one durable transaction', () => {
  let dir: string;
  let writer: Database.Database;
  let observer: Database.Database;
  let commits: GroupCommit;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sj-group-commit-'));
    const file = join(dir, 'log.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = FULL');
    writer.exec('CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
    observer = new Database(file);
    commits = new GroupCommit(writer);
  });

  afterEach(() => {
    writer.close();
    observer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (text: string) => () => Number(writer.prepare('INSERT INTO entries (text) VALUES (?)').run(text).lastInsertRowid);
  const seenByAnotherConnection = () => observer.prepare('SELECT text FROM entries ORDER BY id').pluck().all();

  it('commits the writes of one turn together, and only then says each is done', async () => {
    const outsideWhileWriting: unknown[][] = [];
    const first = commits.run(insert('first'));
    const second = commits.run(() => {
      // the first write is made but not yet committed: another connection cannot see it
      outsideWhileWriting.push(seenByAnotherConnection());
      return insert('second')();
    });

    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(outsideWhileWriting).toEqual([[]]);
    expect(seenByAnotherConnection()).toEqual(['first', 'second']);
  });

  it('rolls back a refused write alone and keeps the others of its turn', async () => {
    await commits.run(insert('already there'));

    const outcomes = await Promise.allSettled([commits.run(insert('kept')), commits.run(insert('already there')), commits.run(insert('also kept'))]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seenByAnotherConnection()).toEqual(['already there', 'kept', 'also kept']);
  });

  it('fails every write of the turn, keeping none, when the file is full, and writes again once there is room', async () => {
    await commits.run(insert('before'));
    const pages = writer.pragma('page_count', { simple: true }) as number;
    writer.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(20_000);

    const outcomes = await Promise.allSettled([commits.run(insert('small')), commits.run(insert(big))]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes.every((o) => o.status === 'rejected' && isSqliteUnavailable(o.reason))).toBe(true);
    expect(seenByAnotherConnection()).toEqual(['before']);
    writer.pragma('max_page_count = 1073741823');
    await expect(commits.run(insert('after'))).resolves.toBe(2);
    expect(seenByAnotherConnection()).toEqual(['before', 'after']);
  });

  it('commits what is still asked for when the connection is about to close', async () => {
    const pending = commits.run(insert('last words'));
    commits.flush();
    writer.close();

    await expect(pending).resolves.toBe(1);
    expect(seenByAnotherConnection()).toEqual(['last words']);
  });
});
