import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { type DataSource, type QueryRunner } from 'typeorm';
import { compiledFind, compiledFindOne, compiledInsert, compiledQuery, compiledUpdate } from './compiled-find';
import { openDataSource, SQLITE_FILE } from './data-source';
import { SettingEntity } from './entities/setting.entity';
import { SqliteGate, SqliteGateTimeoutError } from './sqlite-gate';
import { openTestDataSource, type TestDataSource } from './test-database';

/**
 * Requests that overlap on one data source: each transaction commits or rolls back only its own
 * writes, and nothing outside it sees them before it commits. PostgreSQL gives this through its
 * pool; on SQLite (one connection) it is the gate's doing.
 */
describe('overlapping transactions (SQLite, and PostgreSQL in the second suite run)', () => {
  let t: TestDataSource;
  let ds: DataSource;
  const keys = (prefix: string) => ds.getRepository(SettingEntity).createQueryBuilder('s').where('s.key LIKE :p', { p: `${prefix}%` }).orderBy('s.key').getMany();
  const names = async (prefix: string) => (await keys(prefix)).map((s) => s.key);
  const setting = (key: string) => ({ key, value: key });

  beforeAll(async () => {
    t = await openTestDataSource();
    ds = t.ds;
  });
  afterAll(() => t?.close());

  it('a failing transaction takes back only its own rows, not those of a transaction or statement that ran beside it', async () => {
    const failing = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('a.failing'));
      await sleep(30);
      throw new Error('the failing request gives up');
    });
    const beside = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('a.beside'));
    });
    const plain = ds.getRepository(SettingEntity).insert(setting('a.plain'));
    const saved = ds.getRepository(SettingEntity).save(setting('a.saved'));
    const compiled = compiledInsert(ds.getRepository(SettingEntity), setting('a.compiled'));
    const results = await Promise.allSettled([failing, beside, plain, saved, compiled]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await names('a.')).toEqual(['a.beside', 'a.compiled', 'a.plain', 'a.saved']);
  });

  it('a transaction that commits while another one fails keeps all of its rows', async () => {
    const first = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('b.first.1'));
      await sleep(20);
      await tx.getRepository(SettingEntity).insert(setting('b.first.2'));
    });
    const second = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('b.second.1'));
      await sleep(5);
      throw new Error('the second request gives up');
    });
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await names('b.')).toEqual(['b.first.1', 'b.first.2']);
  });

  it('reads beside an open transaction do not see its rows before it commits', async () => {
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const failing = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('c.uncommitted'));
      inserted();
      await sleep(30);
      throw new Error('rolled back');
    });
    await written;
    const [viaFind, viaCompiled, viaQuery] = await Promise.all([
      ds.getRepository(SettingEntity).findOneBy({ key: 'c.uncommitted' }),
      compiledFindOne(ds.getRepository(SettingEntity), { key: 'c.uncommitted' }),
      ds.query(`SELECT ${ds.driver.escape('key')} FROM settings WHERE ${ds.driver.escape('key')} = 'c.uncommitted'`) as Promise<unknown[]>,
    ]);
    await expect(failing).rejects.toThrow('rolled back');
    expect([viaFind, viaCompiled, viaQuery]).toEqual([null, null, []]);
  });

  it('a transaction nested in another (the same manager) is a savepoint: its failure undoes only its own rows', async () => {
    await ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).insert(setting('d.outer'));
      await expect(
        tx.transaction(async (inner) => {
          await inner.getRepository(SettingEntity).insert(setting('d.inner'));
          throw new Error('inner gives up');
        }),
      ).rejects.toThrow('inner gives up');
      await tx.getRepository(SettingEntity).insert(setting('d.after'));
    });
    expect(await names('d.')).toEqual(['d.after', 'd.outer']);
  });

  it('many overlapping read-modify-write transactions lose no write and leave nothing behind', async () => {
    await ds.getRepository(SettingEntity).insert({ key: 'e.counter', value: '0' });
    const bump = (i: number) =>
      ds.transaction(async (tx) => {
        const repo = tx.getRepository(SettingEntity);
        // A row lock where the database has them; SQLite's gate lets one transaction run at a time.
        const qb = repo.createQueryBuilder('s').where('s.key = :k', { k: 'e.counter' });
        const row = await (t.db.kind === 'postgres' ? qb.setLock('pessimistic_write') : qb).getOneOrFail();
        await sleep(i % 3);
        await repo.update({ key: 'e.counter' }, { value: String(Number(row.value) + 1) });
        if (i % 4 === 0) throw new Error(`request ${i} gives up`);
      });
    const results = await Promise.allSettled(Array.from({ length: 24 }, (_v, i) => bump(i)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    expect(failed).toBe(6);
    expect((await ds.getRepository(SettingEntity).findOneByOrFail({ key: 'e.counter' })).value).toBe(String(24 - failed));
  });
});

/**
 * The embedded database whatever the suite runs on: reads outside transactions share one read
 * transaction per event-loop turn, and nothing that writes may be caught inside it.
 */
describe('SQLite shared read transaction', () => {
  let dataDir: string;
  let ds: DataSource;
  /** Another process's connection to the same file. */
  let other: Database.Database;
  const settings = () => ds.getRepository(SettingEntity);
  const seenByOther = (key: string) => other.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  const inTransaction = () => (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection.inTransaction;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hostgate-gate-'));
    ds = await openDataSource({ dataDir });
    other = new Database(join(dataDir, SQLITE_FILE));
    other.pragma('busy_timeout = 2000');
  });

  afterAll(async () => {
    other?.close();
    await ds?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is open only during the turn of the reads that opened it', async () => {
    await compiledFindOne(settings(), { key: 'f.none' });
    expect(inTransaction()).toBe(true);
    await nextTurn();
    expect(inTransaction()).toBe(false);
  });

  it('ends before a write, so every write outside a transaction is committed when its call returns', async () => {
    await compiledFindOne(settings(), { key: 'g.compiled' });
    await compiledInsert(settings(), { key: 'g.compiled', value: '1' });
    expect(seenByOther('g.compiled')).toEqual({ value: '1' });
    await compiledFind(settings(), { key: ['g.compiled'] });
    await compiledUpdate(settings(), { key: 'g.compiled' }, { value: '2' });
    expect(seenByOther('g.compiled')).toEqual({ value: '2' });
    await compiledFindOne(settings(), { key: 'g.returning' });
    // A write that returns rows is still a write.
    await compiledQuery(ds.manager, "INSERT INTO settings (key, value, updated_at) VALUES (:key, 'r', datetime('now')) RETURNING key", { key: 'g.returning' });
    expect(seenByOther('g.returning')).toEqual({ value: 'r' });
    await compiledFindOne(settings(), { key: 'g.typeorm' });
    await settings().insert({ key: 'g.typeorm', value: 't' });
    expect(seenByOther('g.typeorm')).toEqual({ value: 't' });
  });

  it('ends before a transaction starts, which then commits as usual', async () => {
    await compiledFindOne(settings(), { key: 'h.tx' });
    await ds.transaction(async (tx) => {
      await compiledInsert(tx.getRepository(SettingEntity), { key: 'h.tx', value: 'x' });
    });
    expect(seenByOther('h.tx')).toEqual({ value: 'x' });
  });

  it("shows another process's commits from the next turn on", async () => {
    expect(await compiledFindOne(settings(), { key: 'i.other' })).toBeNull();
    other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('i.other', 'o', datetime('now'))").run();
    await nextTurn();
    expect((await compiledFindOne(settings(), { key: 'i.other' }))?.value).toBe('o');
  });

  it('ends quietly when the data source is closed during the turn that opened it', async () => {
    const closing = await openDataSource({ dataDir: mkdtempSync(join(tmpdir(), 'hostgate-gate-')) });
    const dir = closing.options.database as string;
    await compiledFindOne(closing.getRepository(SettingEntity), { key: 'k.none' });
    await closing.destroy();
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    await nextTurn();
    process.off('uncaughtException', onError);
    rmSync(join(dir, '..'), { recursive: true, force: true });
    expect([closing.isInitialized, errors]).toEqual([false, []]);
  });

  it('does not keep another process from writing, and its reads do not wait for it', async () => {
    await compiledFindOne(settings(), { key: 'j.other' });
    other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('j.other', 'o', datetime('now'))").run();
    expect(seenByOther('j.other')).toEqual({ value: 'o' });
  });
});

describe('SqliteGate', () => {
  const runner = (name: string) => ({ name }) as unknown as QueryRunner;

  it('lets statements run together, and a transaction only once they are done; statements after it wait for it', async () => {
    const gate = new SqliteGate(1_000);
    const log: string[] = [];
    await gate.statement();
    await gate.statement();
    const tx = runner('tx');
    const txTurn = gate.transaction(tx).then(() => log.push('tx'));
    const later = gate.statement().then(() => log.push('later statement'));
    await sleep(5);
    expect(log).toEqual([]);
    gate.endStatement();
    await sleep(5);
    expect(log).toEqual([]);
    gate.endStatement();
    await txTurn;
    expect([gate.owner, gate.mayRunNow(tx), gate.mayRunNow()]).toEqual([tx, true, false]);
    await sleep(5);
    expect(log).toEqual(['tx']);
    gate.endTransaction(tx);
    await later;
    expect(log).toEqual(['tx', 'later statement']);
  });

  it('grants transactions one at a time, in the order they asked', async () => {
    const gate = new SqliteGate(1_000);
    const order: string[] = [];
    const runners = ['t1', 't2', 't3'].map(runner);
    const turns = runners.map((r, i) => gate.transaction(r).then(() => order.push(`t${i + 1}`)));
    await turns[0];
    gate.endTransaction(runners[1]); // not the owner: changes nothing
    await sleep(5);
    expect(order).toEqual(['t1']);
    gate.endTransaction(runners[0]);
    await turns[1];
    gate.endTransaction(runners[1]);
    await turns[2];
    expect(order).toEqual(['t1', 't2', 't3']);
  });

  it('fails a wait that outlasts its timeout instead of hanging, and lets the queue move on', async () => {
    const gate = new SqliteGate(20);
    const stuck = runner('stuck');
    await gate.transaction(stuck);
    await expect(gate.statement()).rejects.toBeInstanceOf(SqliteGateTimeoutError);
    await expect(gate.transaction(runner('next'))).rejects.toThrow('SQLite is busy: a transaction waited 20 ms');
    gate.endTransaction(stuck);
    await gate.statement();
    expect(gate.mayRunNow()).toBe(true);
  });
});
