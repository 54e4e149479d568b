import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { type DataSource, type QueryRunner } from 'typeorm';
import { compiledFindOne, compiledInsert, compiledQuery, compiledUpdate } from './compiled-find';
import { openDataSource, SQLITE_FILE } from './data-source';
import { SettingEntity } from './entities/setting.entity';
import { SQLITE_GROUP_MAX, SqliteGate, SqliteGateTimeoutError, sqliteGateOf } from './sqlite-gate';
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

  it('keeps every transfer whole under overlapping transfers, failures and reads: the total never changes and nothing half-done is seen or kept', async () => {
    const accounts = Array.from({ length: 5 }, (_v, i) => `t.${i}`);
    await ds.getRepository(SettingEntity).insert(accounts.map((key) => ({ key, value: '100' })));
    const balances = async () => (await keys('t.')).map((s) => Number(s.value));
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const moved: Array<[string, string]> = [];
    const transfer = (i: number) =>
      ds.transaction(async (tx) => {
        const repo = tx.getRepository(SettingEntity);
        const [from, to] = [accounts[i % 5], accounts[(i + 1 + (i % 4)) % 5]];
        const lock = (key: string) => {
          const qb = repo.createQueryBuilder('s').where('s.key = :key', { key });
          return (t.db.kind === 'postgres' ? qb.setLock('pessimistic_write') : qb).getOneOrFail();
        };
        // Always lock in key order, so PostgreSQL's row locks cannot deadlock.
        const [first, second] = [from, to].sort();
        const rows = new Map([[first, await lock(first)], [second, await lock(second)]]);
        await repo.update({ key: from }, { value: String(Number(rows.get(from)?.value) - 7) });
        if (i % 2 === 0) await sleep(i % 3);
        if (i % 5 === 0) throw new Error(`transfer ${i} gives up halfway`);
        await repo.update({ key: to }, { value: String(Number(rows.get(to)?.value) + 7) });
        moved.push([from, to]);
      });
    const seen: number[] = [];
    const reads = (async () => {
      for (let n = 0; n < 20; n++) {
        seen.push(total(await balances()));
        await sleep(1);
      }
    })();
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_v, i) => transfer(i)));
    await reads;
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(12);
    expect(moved).toHaveLength(48);
    // Exactly the transfers that committed, each whole: none lost with another's rollback.
    const expected = accounts.map((key) => 100 + 7 * moved.filter(([, to]) => to === key).length - 7 * moved.filter(([from]) => from === key).length);
    expect(await balances()).toEqual(expected);
    expect(new Set(seen)).toEqual(new Set([500]));
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
 * The embedded database whatever the suite runs on: reads outside transactions run on a read-only
 * connection of their own and share one read transaction per event-loop turn; transactions that
 * wait for each other share one commit.
 */
describe('SQLite reader and group commit', () => {
  let dataDir: string;
  let ds: DataSource;
  /** Another process's connection to the same file. */
  let other: Database.Database;
  const settings = () => ds.getRepository(SettingEntity);
  const seenByOther = (key: string) => other.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  const reading = () => sqliteGateOf(ds)?.reader?.reading;

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

  it('reads in a read transaction that is open only during the turn of the reads that opened it', async () => {
    await compiledFindOne(settings(), { key: 'f.none' });
    expect(reading()).toBe(true);
    await nextTurn();
    expect(reading()).toBe(false);
  });

  it('commits every write outside a transaction when its call returns, and reads it back in the same turn', async () => {
    const read = async (key: string) => [(await compiledFindOne(settings(), { key }))?.value, (await settings().findOneBy({ key }))?.value];
    expect(await read('g.compiled')).toEqual([undefined, undefined]);
    await compiledInsert(settings(), { key: 'g.compiled', value: '1' });
    expect(seenByOther('g.compiled')).toEqual({ value: '1' });
    expect(await read('g.compiled')).toEqual(['1', '1']);
    await compiledUpdate(settings(), { key: 'g.compiled' }, { value: '2' });
    expect(seenByOther('g.compiled')).toEqual({ value: '2' });
    expect(await read('g.compiled')).toEqual(['2', '2']);
    expect(await read('g.returning')).toEqual([undefined, undefined]);
    // A write that returns rows is still a write.
    await compiledQuery(ds.manager, "INSERT INTO settings (key, value, updated_at) VALUES (:key, 'r', datetime('now')) RETURNING key", { key: 'g.returning' });
    expect(seenByOther('g.returning')).toEqual({ value: 'r' });
    expect(await read('g.returning')).toEqual(['r', 'r']);
    expect(await read('g.typeorm')).toEqual([undefined, undefined]);
    await settings().insert({ key: 'g.typeorm', value: 't' });
    expect(seenByOther('g.typeorm')).toEqual({ value: 't' });
    expect(await read('g.typeorm')).toEqual(['t', 't']);
  });

  it('sees what a transaction wrote as soon as it has committed', async () => {
    expect(await compiledFindOne(settings(), { key: 'h.tx' })).toBeNull();
    await ds.transaction(async (tx) => {
      await compiledInsert(tx.getRepository(SettingEntity), { key: 'h.tx', value: 'x' });
    });
    expect(seenByOther('h.tx')).toEqual({ value: 'x' });
    expect([(await compiledFindOne(settings(), { key: 'h.tx' }))?.value, (await settings().findOneBy({ key: 'h.tx' }))?.value]).toEqual(['x', 'x']);
  });

  it('does not make reads outside a transaction wait for one that is open', async () => {
    await settings().insert({ key: 'l.committed', value: 'before' });
    let release!: () => void;
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const open = ds.transaction(async (tx) => {
      await tx.getRepository(SettingEntity).update({ key: 'l.committed' }, { value: 'uncommitted' });
      inserted();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await written;
    // Both answer while the transaction still holds the writing connection, with the committed value.
    const reads = await Promise.all([compiledFindOne(settings(), { key: 'l.committed' }), settings().findOneBy({ key: 'l.committed' }), ds.query("SELECT value FROM settings WHERE key = 'l.committed'") as Promise<Array<{ value: string }>>]);
    expect(reads.map((r) => (Array.isArray(r) ? r[0]?.value : r?.value))).toEqual(['before', 'before', 'before']);
    release();
    await open;
    expect((await settings().findOneBy({ key: 'l.committed' }))?.value).toBe('uncommitted');
  });

  it('answers transactions that waited for each other only once their shared commit is durable', async () => {
    const keys = Array.from({ length: 5 }, (_v, i) => `m.${i}`);
    const seenWhenAnswered: Array<Array<string | undefined>> = [];
    await Promise.all(
      keys.map((key) =>
        ds
          .transaction(async (tx) => {
            await tx.getRepository(SettingEntity).insert({ key, value: key });
            await sleep(5);
          })
          .then(() => seenWhenAnswered.push(keys.map((k) => seenByOther(k)?.value))),
      ),
    );
    // The first was answered after the last had committed with it: one commit for all five.
    expect(seenWhenAnswered[0]).toEqual(keys);
    expect(seenWhenAnswered).toHaveLength(5);
  });

  it("waits for another process's write lock without blocking the event loop, then writes", async () => {
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('n.other', 'o', datetime('now'))").run();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const done: string[] = [];
    const writes = [
      ds.transaction((tx) => tx.getRepository(SettingEntity).insert({ key: 'n.tx', value: 't' })).then(() => done.push('transaction')),
      compiledInsert(settings(), { key: 'n.compiled', value: 'c' }).then(() => done.push('compiled')),
      settings()
        .insert({ key: 'n.typeorm', value: 'y' })
        .then(() => done.push('typeorm')),
    ];
    await sleep(150);
    const whileLocked = { ticks, done: [...done] };
    other.exec('COMMIT');
    await Promise.all(writes);
    clearInterval(ticker);
    expect(whileLocked.done).toEqual([]);
    expect(whileLocked.ticks).toBeGreaterThan(10);
    expect(done.sort()).toEqual(['compiled', 'transaction', 'typeorm']);
    expect(['n.other', 'n.tx', 'n.compiled', 'n.typeorm'].map((k) => seenByOther(k)?.value)).toEqual(['o', 't', 'c', 'y']);
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
    expect([closing.isInitialized, sqliteGateOf(closing)?.reader?.reading, errors]).toEqual([false, false, []]);
  });

  it('does not keep another process from writing, and its reads do not wait for it', async () => {
    await compiledFindOne(settings(), { key: 'j.other' });
    other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('j.other', 'o', datetime('now'))").run();
    expect(seenByOther('j.other')).toEqual({ value: 'o' });
  });
});

/** A connection that only records the statements the gate runs on it. */
function fakeConnection(log: string[] = []) {
  const db = {
    open: true,
    inTransaction: false,
    log,
    prepare: (sql: string) => ({
      run: () => {
        log.push(sql);
        if (sql === 'BEGIN IMMEDIATE') db.inTransaction = true;
        if (sql === 'COMMIT') db.inTransaction = false;
      },
    }),
    exec: (sql: string) => {
      log.push(sql);
      if (sql === 'ROLLBACK') db.inTransaction = false;
    },
  };
  return db;
}

describe('SqliteGate', () => {
  const runner = (name: string) => ({ name }) as unknown as QueryRunner;

  it('lets statements run together, and a transaction only once they are done; statements after it wait for it', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
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
    expect([gate.owner, gate.mayRunNow(tx), gate.mayRunNow(), db.inTransaction]).toEqual([tx, true, false, true]);
    await sleep(5);
    expect(log).toEqual(['tx']);
    await gate.endTurn(tx, 'commit');
    await later;
    expect(log).toEqual(['tx', 'later statement']);
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
  });

  it('grants transactions one at a time, in the order they asked, and commits those that waited together once', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const order: string[] = [];
    const runners = ['t1', 't2', 't3'].map(runner);
    const turns = runners.map((r, i) => gate.transaction(r).then(() => order.push(`t${i + 1}`)));
    await turns[0];
    await gate.endTurn(runners[1], 'commit'); // not the owner: changes nothing
    await sleep(5);
    expect(order).toEqual(['t1']);
    let firstAnswered = false;
    const first = gate.endTurn(runners[0], 'commit').then(() => (firstAnswered = true));
    await turns[1];
    // t2 runs in t1's SQL transaction, and t1 is not answered before it is committed.
    expect([db.log, firstAnswered]).toEqual([['BEGIN IMMEDIATE'], false]);
    await gate.endTurn(runners[1], 'rollback');
    await turns[2];
    expect(firstAnswered).toBe(false);
    await gate.endTurn(runners[2], 'commit');
    await first;
    expect(order).toEqual(['t1', 't2', 't3']);
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
  });

  it('commits before a statement that waited behind the group, and begins anew for a later transaction', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const [t1, t2] = [runner('t1'), runner('t2')];
    await gate.transaction(t1);
    const statement = gate.statement().then(() => db.log.push('statement'));
    const second = gate.transaction(t2);
    await gate.endTurn(t1, 'commit');
    await statement;
    gate.endStatement();
    await second;
    await gate.endTurn(t2, 'commit');
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'statement', 'BEGIN IMMEDIATE', 'COMMIT']);
  });

  it('commits at the end of the turn, so a transaction that starts later in the same turn shares the commit and one in the next turn does not', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const [t1, t2, t3] = [runner('t1'), runner('t2'), runner('t3')];
    await gate.transaction(t1);
    const first = gate.endTurn(t1, 'commit');
    expect(db.log).toEqual(['BEGIN IMMEDIATE']);
    // Nothing outside the group may write until it has committed.
    expect(gate.mayRunNow()).toBe(false);
    await gate.transaction(t2);
    const second = gate.endTurn(t2, 'commit');
    await Promise.all([first, second]);
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
    await nextTurn();
    await gate.transaction(t3);
    await gate.endTurn(t3, 'commit');
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT']);
    expect(gate.mayRunNow()).toBe(true);
  });

  it('lets a statement that arrives while the group waits for the end of the turn run once it has committed', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const t1 = runner('t1');
    await gate.transaction(t1);
    const committed = gate.endTurn(t1, 'commit');
    await gate.statement().then(() => db.log.push('statement'));
    gate.endStatement();
    await committed;
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'statement']);
  });

  it('commits a group nobody holds when asked to before the connection closes', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const t1 = runner('t1');
    await gate.transaction(t1);
    const committed = gate.endTurn(t1, 'commit');
    gate.flush();
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT']);
    await committed;
  });

  it(`shares one commit among at most ${SQLITE_GROUP_MAX} transactions`, async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const runners = Array.from({ length: SQLITE_GROUP_MAX + 2 }, (_v, i) => runner(`t${i}`));
    const turns = runners.map((r) => gate.transaction(r));
    const answers: Array<Promise<void>> = [];
    for (let i = 0; i < runners.length; i++) {
      await turns[i];
      answers.push(gate.endTurn(runners[i], 'commit'));
    }
    await Promise.all(answers);
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'COMMIT']);
  });

  /** t1 committed and waits for the group's commit; t2 holds the turn in the same group. */
  async function secondInGroup() {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 1_000);
    const [t1, t2] = [runner('t1'), runner('t2')];
    await gate.transaction(t1);
    const second = gate.transaction(t2);
    const first = gate.endTurn(t1, 'commit');
    await second;
    return { db, gate, t2, first };
  }

  it('fails every member that committed when the group cannot commit, and answers one that rolled back as it was', async () => {
    const { db, gate, t2, first } = await secondInGroup();
    // As SQLite does after an I/O error: the whole SQL transaction is gone.
    db.inTransaction = false;
    await expect(gate.endTurn(t2, 'rollback')).resolves.toBeUndefined();
    await expect(first).rejects.toThrow('SQLite rolled back the transaction this one was committed in');
    expect(db.log).toEqual(['BEGIN IMMEDIATE']);
    expect(gate.mayRunNow()).toBe(true);
  });

  it('rolls the group back when a member ends in an unknown state', async () => {
    const { db, gate, t2, first } = await secondInGroup();
    await gate.endTurn(t2, 'abort');
    await expect(first).rejects.toThrow('SQLite rolled back');
    expect(db.log).toEqual(['BEGIN IMMEDIATE', 'ROLLBACK']);
  });

  it("begins a group once another process's write lock is free, without blocking, and fails after the busy timeout", async () => {
    const db = fakeConnection();
    let busyFor = 3;
    const prepare = db.prepare;
    db.prepare = (sql: string) => {
      const stmt = prepare(sql);
      if (sql !== 'BEGIN IMMEDIATE') return stmt;
      return {
        run: () => {
          if (busyFor-- > 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
          stmt.run();
        },
      };
    };
    const gate = new SqliteGate(() => db, 1_000, undefined, 40);
    const [t1, t2] = [runner('t1'), runner('t2')];
    let turnedMeanwhile = false;
    setImmediate(() => (turnedMeanwhile = true));
    const first = gate.transaction(t1);
    // Nothing else is let in while the first waits for the lock.
    expect([gate.mayRunNow(), gate.tryStatement()]).toEqual([false, false]);
    await first;
    expect([turnedMeanwhile, gate.owner, db.log]).toEqual([true, t1, ['BEGIN IMMEDIATE']]);
    await gate.endTurn(t1, 'commit');
    busyFor = Number.POSITIVE_INFINITY;
    await expect(gate.transaction(t2)).rejects.toThrow('SQLite is busy: another connection held the write lock for more than 40 ms');
    expect([gate.owner, gate.mayRunNow()]).toEqual([undefined, true]);
  });

  it('fails a wait that outlasts its timeout instead of hanging, and lets the queue move on', async () => {
    const db = fakeConnection();
    const gate = new SqliteGate(() => db, 20);
    const stuck = runner('stuck');
    await gate.transaction(stuck);
    await expect(gate.statement()).rejects.toBeInstanceOf(SqliteGateTimeoutError);
    await expect(gate.transaction(runner('next'))).rejects.toThrow('SQLite is busy: a transaction waited 20 ms');
    await gate.endTurn(stuck, 'commit');
    await gate.statement();
    expect(gate.mayRunNow()).toBe(true);
  });
});
