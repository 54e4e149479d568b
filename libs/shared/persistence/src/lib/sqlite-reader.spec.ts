import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SqliteReader } from './sqlite-reader';

describe('SqliteReader', () => {
  let dir: string;
  let file: string;
  let writer: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostgate-reader-'));
    file = join(dir, 'db.sqlite');
    writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('first')");
  });

  afterAll(() => {
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads one snapshot per turn, and the latest commit once its snapshot has ended', async () => {
    const reader = new SqliteReader(file, 1_000);
    const count = () => {
      reader.beforeRead();
      return (reader.statement('SELECT COUNT(*) AS n FROM t')?.all() as Array<{ n: number }>)[0].n;
    };
    expect([count(), reader.reading]).toEqual([1, true]);
    writer.exec("INSERT INTO t VALUES ('second')");
    expect(count()).toBe(1);
    reader.endRead();
    expect([count(), reader.reading]).toEqual([2, true]);
    writer.exec("INSERT INTO t VALUES ('third')");
    await nextTurn();
    expect(reader.reading).toBe(false);
    expect(count()).toBe(3);
    reader.close();
  });

  it('cannot write, and leaves statements it cannot prepare to the writer', () => {
    const reader = new SqliteReader(file, 1_000);
    const insert = reader.statement("INSERT INTO t VALUES ('no')");
    expect(insert?.readonly).toBe(false);
    expect(() => insert?.run()).toThrow(/readonly/);
    expect(reader.statement('SELECT nothing FROM nowhere')).toBeUndefined();
    reader.close();
    expect([reader.connection(), reader.statement('SELECT 1')]).toEqual([undefined, undefined]);
  });

  it('is not there when the file cannot be opened, so reads take their turn on the writer', () => {
    const reader = new SqliteReader(join(dir, 'missing.sqlite'), 1_000);
    expect([reader.connection(), reader.statement('SELECT 1')]).toEqual([undefined, undefined]);
    reader.beforeRead();
    expect(reader.reading).toBe(false);
  });
});
