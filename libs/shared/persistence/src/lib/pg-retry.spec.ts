import { Logger } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError, TypeORMError } from 'typeorm';
import { SettingEntity } from './entities/setting.entity';
import { installPgTransactionRetry, isTransactionConflict, PG_TRANSACTION_ATTEMPTS } from './pg-retry';
import { openTestDataSource, type TestDataSource } from './test-database';

const lost = (code: string) => new QueryFailedError('UPDATE settings SET value = $1', [], Object.assign(new Error('deadlock detected'), { code }));

/** Settles when `open()` is called, or after `ms` (SQLite runs one transaction at a time, so the other never comes). */
function gate(ms: number): { open(): void; passed: Promise<void> } {
  let open = (): void => undefined;
  const passed = new Promise<void>((done) => {
    open = done;
    setTimeout(done, ms);
  });
  return { open, passed };
}

/** Runs on SQLite and on PostgreSQL (the second suite run); the retry is PostgreSQL's only. */
describe('transactions that lose to another one (pg-retry)', () => {
  let t: TestDataSource;
  beforeAll(async () => {
    t = await openTestDataSource();
    await t.ds.getRepository(SettingEntity).insert([
      { key: 'retry.a', value: 'a' },
      { key: 'retry.b', value: 'b' },
    ]);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('two transactions that lock two rows in opposite orders both complete: the one PostgreSQL aborts for the deadlock runs again', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const runs: string[] = [];
    // On SQLite the other cannot start while this one runs: it waits the gate out.
    const wait = t.db.kind === 'postgres' ? 2_000 : 50;
    const first = { a: gate(wait), b: gate(wait) };
    const write = (tx: EntityManager, key: string, value: string) => tx.getRepository(SettingEntity).update({ key }, { value });
    const crossing = (name: 'a' | 'b', mine: string, theirs: string) =>
      t.ds.transaction(async (tx) => {
        runs.push(name);
        await write(tx, mine, name);
        // Only the first run waits for the other to hold its row: a run again goes straight on.
        if (runs.filter((r) => r === name).length === 1) {
          first[name].open();
          await first[name === 'a' ? 'b' : 'a'].passed;
        }
        await write(tx, theirs, name);
        return name;
      });
    const done = await Promise.all([crossing('a', 'retry.a', 'retry.b'), crossing('b', 'retry.b', 'retry.a')]);
    expect(done).toEqual(['a', 'b']);
    const values = (await t.ds.getRepository(SettingEntity).findBy({ key: 'retry.a' })).concat(await t.ds.getRepository(SettingEntity).findBy({ key: 'retry.b' }));
    // Whichever committed last wrote both rows: nothing of the aborted run is left.
    expect(new Set(values.map((v) => v.value)).size).toBe(1);
    if (t.db.kind === 'postgres') {
      expect(runs).toHaveLength(3);
      expect(warned).toHaveBeenCalledWith(expect.stringMatching(/^a transaction was rolled back by PostgreSQL \(40P01 deadlock detected\) and runs again \(run 2 of 5\)$/));
    } else {
      expect(runs).toEqual(['a', 'b']);
    }
  });

  it('gives up after the last run and throws what PostgreSQL said; other errors are thrown at once', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let runs = 0;
    await expect(
      t.ds.transaction(async () => {
        runs++;
        throw lost('40001');
      }),
    ).rejects.toBeInstanceOf(QueryFailedError);
    expect(runs).toBe(t.db.kind === 'postgres' ? PG_TRANSACTION_ATTEMPTS : 1);

    runs = 0;
    await expect(
      t.ds.manager.transaction(async () => {
        runs++;
        throw lost('23505');
      }),
    ).rejects.toBeInstanceOf(QueryFailedError);
    expect(runs).toBe(1);
  });

  it('a transaction inside another is run again with the outer one, not by itself', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let outer = 0;
    let inner = 0;
    const result = await t.ds.transaction(async (tx) => {
      outer++;
      return tx.transaction(async () => {
        inner++;
        if (inner === 1) throw lost('40P01');
        return 'done';
      });
    }).catch((e: unknown) => e);
    if (t.db.kind === 'postgres') {
      expect(result).toBe('done');
      expect([outer, inner]).toEqual([2, 2]);
    } else {
      expect(result).toBeInstanceOf(QueryFailedError);
      expect([outer, inner]).toEqual([1, 1]);
    }
  });
});

describe('isTransactionConflict and installPgTransactionRetry', () => {
  it('knows PostgreSQL’s deadlock and serialization failure, and nothing else', () => {
    expect(isTransactionConflict(lost('40P01'))).toBe(true);
    expect(isTransactionConflict(lost('40001'))).toBe(true);
    expect(isTransactionConflict(lost('23505'))).toBe(false);
    expect(isTransactionConflict(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isTransactionConflict(undefined)).toBe(false);
  });

  it('refuses a data source that is not PostgreSQL', () => {
    const sqlite = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    expect(() => installPgTransactionRetry(sqlite)).toThrow(TypeORMError);
  });
});
