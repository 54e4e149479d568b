import { type DataSource, type EntityManager, EntityNotFoundError, In, IsNull, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { compiledFind, compiledFindOne, compiledFindOneOrFail, compiledInsert, compiledQuery, compiledRows, compiledUpdate, hydrateColumns, selectColumns } from './compiled-find';
import { openDataSource } from './data-source';
import { AccountEntity } from './entities/account.entity';
import { HostingPackageEntity } from './entities/hosting-package.entity';
import { LoginBanEntity } from './entities/login-ban.entity';
import { TaxEntity } from './entities/billing/tax.entity';
import { CompanyEntity } from './entities/company.entity';
import { SettingEntity } from './entities/setting.entity';
import { createTestDatabase, type TestDatabase } from './test-database';

/** compiledFind must answer exactly what TypeORM's find answers for the same filter, on both databases. */
describe('compiledFind', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const t0 = new Date('2026-01-02T03:04:05.000Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDataSource(db.settings);
    const pkg = await ds.getRepository(HostingPackageEntity).save(ds.getRepository(HostingPackageEntity).create({ name: 'cf-pkg' }));
    const accounts = ds.getRepository(AccountEntity);
    for (const [username, suspended] of [['cfa', false], ['cfb', true], ['cfc', false]] as const) {
      await accounts.save(accounts.create({ username, passwordHash: 'x', email: `${username}@example.com`, packageId: pkg.id, suspended }));
    }
    const bans = ds.getRepository(LoginBanEntity);
    await bans.save([
      bans.create({ scope: 'panel', ip: '192.0.2.1', failures: 2, windowStartedAt: t0, bannedUntil: null }),
      bans.create({ scope: 'panel', ip: '192.0.2.2', failures: 0, windowStartedAt: null, bannedUntil: new Date(t0.getTime() + 600_000) }),
    ]);
    const company = await ds.getRepository(CompanyEntity).findOneByOrFail({ id: 1 });
    const taxes = ds.getRepository(TaxEntity);
    await taxes.save(taxes.create({ companyId: company.id, level: 1, name: 'VAT', amount: 75000n, type: 'exclusive', country: null, state: null, status: 'active' } as Partial<TaxEntity>));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.dispose();
  });

  it('finds the same rows as findBy: equality, booleans, IN, IS NULL, dates', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const bans = ds.getRepository(LoginBanEntity);
    const cases: Array<[unknown, unknown]> = [
      [await compiledFind(accounts, { username: 'cfb' }), await accounts.findBy({ username: 'cfb' })],
      [await compiledFind(accounts, { suspended: false }, { order: { id: 'ASC' } }), await accounts.find({ where: { suspended: false }, order: { id: 'ASC' } })],
      [await compiledFind(accounts, { username: ['cfa', 'cfc', 'nobody'] }, { order: { username: 'DESC' } }), await accounts.find({ where: { username: In(['cfa', 'cfc', 'nobody']) }, order: { username: 'DESC' } })],
      [await compiledFind(bans, { bannedUntil: null }), await bans.findBy({ bannedUntil: IsNull() })],
      [await compiledFind(bans, { scope: 'panel', windowStartedAt: t0 }), await bans.findBy({ scope: 'panel', windowStartedAt: t0 })],
      [await compiledFind(ds.getRepository(TaxEntity), { name: 'VAT' }), await ds.getRepository(TaxEntity).findBy({ name: 'VAT' })],
    ];
    for (const [fast, typeorm] of cases) {
      expect(fast).toStrictEqual(typeorm);
      expect((fast as unknown[]).length).toBeGreaterThan(0);
    }
    const [cfa] = cases[1][0] as AccountEntity[];
    expect(cfa).toBeInstanceOf(AccountEntity);
    expect(cfa.createdAt).toBeInstanceOf(Date);
    expect((cases[3][0] as LoginBanEntity[]).map((b) => b.windowStartedAt)).toEqual([t0]);
    expect((cases[5][0] as TaxEntity[])[0].amount).toBe(75000n);
  });

  it('loads only the selected columns, limits, and answers null or [] when nothing matches', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const one = await compiledFindOne(accounts, { username: 'cfc' }, { select: ['id', 'suspended'] });
    expect(one).toStrictEqual(await accounts.findOne({ where: { username: 'cfc' }, select: { id: true, suspended: true } }));
    expect(one?.username).toBeUndefined();
    expect(await compiledFind(accounts, { packageId: one ? -1 : 0 })).toEqual([]);
    expect(await compiledFind(accounts, { username: [] })).toEqual([]);
    expect(await compiledFindOne(accounts, { username: 'nobody' })).toBeNull();
    expect(await compiledFind(accounts, { suspended: false }, { limit: 1, order: { id: 'DESC' } })).toHaveLength(1);
  });

  it('runs inside the transaction of a transactional repository (sees its uncommitted rows)', async () => {
    const seen = await ds.transaction(async (tx) => {
      const repo = tx.getRepository(HostingPackageEntity);
      await repo.save(repo.create({ name: 'cf-in-tx' }));
      return compiledFindOne(repo, { name: 'cf-in-tx' });
    });
    expect(seen?.name).toBe('cf-in-tx');
  });

  it('refuses an undefined value rather than dropping the filter, and an unknown column', async () => {
    const accounts = ds.getRepository(AccountEntity);
    await expect(compiledFind(accounts, { username: undefined })).rejects.toThrow(/username is undefined/);
    await expect(compiledFind(accounts, { nope: 1 } as never)).rejects.toThrow(/no column nope/);
  });

  it('compiledFindOneOrFail throws EntityNotFoundError as findOneByOrFail does', async () => {
    const accounts = ds.getRepository(AccountEntity);
    expect((await compiledFindOneOrFail(accounts, { username: 'cfa' })).email).toBe('cfa@example.com');
    await expect(compiledFindOneOrFail(accounts, { username: 'nobody' })).rejects.toBeInstanceOf(EntityNotFoundError);
  });

  it('compiledQuery binds named parameters (booleans too), repeats a name, and answers the same on every call', async () => {
    const sql = 'SELECT COUNT(*) AS "n", SUM(CASE WHEN a.suspended = :yes THEN 1 ELSE 0 END) AS "s" FROM accounts a WHERE a.username IN (:one, :two) OR a.username = :one';
    for (const [one, two, n, suspended] of [['cfa', 'cfb', 2, 1], ['cfc', 'nobody', 1, 0], ['cfb', 'cfb', 1, 1]] as const) {
      const [row] = await compiledQuery<{ n: number | string; s: number | string }>(ds.manager, sql, { yes: true, one, two });
      expect([Number(row.n), Number(row.s)]).toEqual([n, suspended]);
    }
    await expect(compiledQuery(ds.manager, sql, { yes: true, one: 'cfa' })).rejects.toThrow(/no value for :two/);
  });

  it('compiledInsert writes what save() writes (booleans, dates, transformed amounts, nulls, column defaults) and answers the new id', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const pkg = await compiledFindOneOrFail(ds.getRepository(HostingPackageEntity), { name: 'cf-pkg' });
    const id = await compiledInsert(accounts, { username: 'cfins', passwordHash: 'h', email: 'cfins@example.com', packageId: pkg.id, suspended: true, createdAt: t0 });
    const saved = await accounts.save(accounts.create({ username: 'cfsave', passwordHash: 'h', email: 'cfsave@example.com', packageId: pkg.id, suspended: true, createdAt: t0 }));
    expect(typeof id).toBe('number');
    const [inserted, viaSave] = [await accounts.findOneByOrFail({ id }), await accounts.findOneByOrFail({ id: saved.id })];
    expect({ ...inserted, id: 0, username: '', email: '' }).toStrictEqual({ ...viaSave, id: 0, username: '', email: '' });
    expect([inserted.suspended, inserted.createdAt, inserted.shell, inserted.role]).toEqual([true, t0, viaSave.shell, 'user']);

    const taxes = ds.getRepository(TaxEntity);
    const taxId = await compiledInsert(taxes, { companyId: 1, level: 2, name: 'GST', amount: 123456n, country: null });
    expect(await taxes.findOneByOrFail({ id: taxId })).toMatchObject({ name: 'GST', amount: 123456n, country: null, state: null, status: 'active', type: 'exclusive' });
    // A table whose key is not generated answers no id.
    expect(await compiledInsert(ds.getRepository(LoginBanEntity), { scope: 'project', ip: '192.0.2.9', failures: 1, windowStartedAt: t0 })).toBeUndefined();
    expect(await ds.getRepository(LoginBanEntity).findOneByOrFail({ scope: 'project', ip: '192.0.2.9' })).toMatchObject({ failures: 1, windowStartedAt: t0, bannedUntil: null });
    await expect(compiledInsert(accounts, { username: 'cfins', passwordHash: 'h', email: 'x', packageId: pkg.id })).rejects.toThrow();
  });

  it('compiledUpdate sets converted values on the matching rows only and counts them', async () => {
    const taxes = ds.getRepository(TaxEntity);
    const a = await compiledInsert(taxes, { companyId: 1, level: 1, name: 'upd-a', amount: 1n });
    const b = await compiledInsert(taxes, { companyId: 1, level: 1, name: 'upd-b', amount: 2n });
    expect(await compiledUpdate(taxes, { id: a }, { amount: 98765n, country: 'DE' })).toBe(1);
    expect(await compiledUpdate(taxes, { id: -1 }, { amount: 5n })).toBe(0);
    expect((await taxes.findOneByOrFail({ id: a })).amount).toBe(98765n);
    expect(await taxes.findOneByOrFail({ id: b })).toMatchObject({ amount: 2n, country: null });
    const bans = ds.getRepository(LoginBanEntity);
    expect(await compiledUpdate(bans, { scope: 'project', ip: '192.0.2.9' }, { bannedUntil: t0, failures: 0 })).toBe(1);
    expect(await bans.findOneByOrFail({ scope: 'project', ip: '192.0.2.9' })).toMatchObject({ bannedUntil: t0, failures: 0 });
    await expect(compiledUpdate(taxes, {}, { amount: 1n })).rejects.toThrow(/needs a where/);
  });

  it('compiledQuery runs statements that return no rows (an INSERT) and answers []', async () => {
    expect(await compiledQuery(ds.manager, 'INSERT INTO settings (key, value) VALUES (:key, :value)', { key: 'cf.q', value: 'v' })).toEqual([]);
    expect(await compiledFindOne(ds.getRepository(SettingEntity), { key: 'cf.q' }, { select: ['value'] })).toMatchObject({ value: 'v' });
    // UPDATE ... RETURNING answers its rows on both databases.
    for (const expected of ['v!', 'v!!']) {
      expect(await compiledQuery(ds.manager, "UPDATE settings SET value = value || '!' WHERE key = :key RETURNING value", { key: 'cf.q' })).toEqual([{ value: expected }]);
    }
  });

  it('selectColumns and hydrateColumns read joined entities as find reads them, and an outer join that matched nothing as null', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const packages = ds.getRepository(HostingPackageEntity);
    const sql = `SELECT 'x' AS "first", ${selectColumns(accounts, 'a', 'a_')}, ${selectColumns(packages, 'p', 'p_')} FROM accounts a LEFT JOIN hosting_packages p ON p.id = a.package_id AND p.name = :pkg WHERE a.username = :username`;
    const matched = await compiledRows(ds.manager, sql, { username: 'cfb', pkg: 'cf-pkg' });
    const account = await accounts.findOneByOrFail({ username: 'cfb' });
    const pkg = await packages.findOneByOrFail({ id: account.packageId });
    expect(matched.rows).toHaveLength(1);
    expect(matched.rows[0][matched.columns.get('first') ?? -1]).toBe('x');
    expect(hydrateColumns(accounts, matched, matched.rows[0], 'a_')).toStrictEqual(account);
    expect(hydrateColumns(packages, matched, matched.rows[0], 'p_')).toStrictEqual(pkg);
    const unmatched = await compiledRows(ds.manager, sql, { username: 'cfb', pkg: 'another' });
    // The same statement: the same column positions on every call.
    expect(unmatched.columns).toBe(matched.columns);
    expect([hydrateColumns(accounts, unmatched, unmatched.rows[0], 'a_'), hydrateColumns(packages, unmatched, unmatched.rows[0], 'p_')]).toStrictEqual([account, null]);
    expect((await compiledRows(ds.manager, sql, { username: 'nobody', pkg: 'cf-pkg' })).rows).toEqual([]);
    expect(() => hydrateColumns(accounts, matched, matched.rows[0], 'x_')).toThrow(/no column x_id/);
  });

  it('a failing statement rejects with QueryFailedError carrying the driver error, and a released transaction is refused', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const pkg = await compiledFindOneOrFail(ds.getRepository(HostingPackageEntity), { name: 'cf-pkg' });
    const duplicate = await compiledInsert(accounts, { username: 'cfa', passwordHash: 'h', email: 'dup@example.com', packageId: pkg.id }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    const code = String((duplicate as QueryFailedError & { driverError: { code?: unknown } }).driverError.code);
    expect(code).toBe(db.kind === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE');
    let escaped: EntityManager | undefined;
    await ds.transaction(async (tx) => {
      escaped = tx;
    });
    await expect(compiledFind((escaped as EntityManager).getRepository(AccountEntity), { username: 'cfa' })).rejects.toBeInstanceOf(QueryRunnerAlreadyReleasedError);
  });

  it('PostgreSQL: statements run as named prepared statements on the connection (one-off IN lists unnamed), inside the transaction', async () => {
    if (db.kind !== 'postgres') return expect(db.kind).toBe('sqlite');
    const prepared = await ds.transaction(async (tx) => {
      const accounts = tx.getRepository(AccountEntity);
      const long = Array.from({ length: 40 }, (_, i) => `cf-long-${i}`);
      expect(await compiledFind(accounts, { username: [...long, 'cfb'] })).toHaveLength(1);
      await compiledInsert(tx.getRepository(HostingPackageEntity), { name: 'cf-named' });
      // Inside the transaction: the row it wrote is seen, through the same connection.
      expect((await compiledFind(tx.getRepository(HostingPackageEntity), { name: 'cf-named' }))[0]?.name).toBe('cf-named');
      return (await tx.query('SELECT name, statement FROM pg_prepared_statements')) as Array<{ name: string; statement: string }>;
    });
    const named = prepared.filter((p) => p.name.startsWith('hostgate_')).map((p) => p.statement);
    expect(named.some((sql) => sql.startsWith('INSERT INTO "hosting_packages"'))).toBe(true);
    expect(named.some((sql) => sql.startsWith('SELECT') && sql.includes('FROM "hosting_packages"'))).toBe(true);
    expect(named.some((sql) => sql.includes('cf-long') || (sql.includes('FROM "accounts"') && sql.includes('$41')))).toBe(false);
    expect(await ds.getRepository(HostingPackageEntity).countBy({ name: 'cf-named' })).toBe(1);
  });

  it('a lock holds the rows it found until the transaction ends (PostgreSQL FOR UPDATE / FOR SHARE); SQLite finds the same rows', async () => {
    const accounts = (m: EntityManager) => m.getRepository(AccountEntity);
    if (db.kind !== 'postgres') {
      const found = await ds.transaction((tx) => compiledFindOne(accounts(tx), { username: 'cfa' }, { lock: 'update' }));
      return expect(found?.email).toBe('cfa@example.com');
    }
    const order: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let signalLocked = (): void => undefined;
    const locked = new Promise<void>((resolve) => (signalLocked = resolve));
    const first = ds.transaction(async (tx) => {
      expect((await compiledFindOne(accounts(tx), { username: 'cfa' }, { lock: 'update' }))?.email).toBe('cfa@example.com');
      signalLocked();
      await held;
      order.push('first ends');
    });
    await locked;
    const second = ds.transaction(async (tx) => {
      expect((await compiledFindOne(accounts(tx), { username: 'cfa' }, { lock: 'share' }))?.email).toBe('cfa@example.com');
      order.push('second has read');
    });
    // The second read waits on the first one's row lock (and only then is the first let go).
    const waiting = async (): Promise<number> => ((await ds.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR SHARE%'")) as Array<{ n: number }>)[0].n;
    while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first ends', 'second has read']);
  });

  it('a value the column cannot hold (an id beyond its integer range, a fraction, a NUL in text) matches nothing on both databases', async () => {
    const accounts = ds.getRepository(AccountEntity);
    const cfa = await compiledFindOneOrFail(accounts, { username: 'cfa' });
    expect(await compiledFindOne(accounts, { id: 99999999999 })).toBeNull();
    expect(await compiledFindOne(accounts, { id: 1.5 })).toBeNull();
    expect(await compiledFindOne(accounts, { id: -(2 ** 63) })).toBeNull();
    expect(await compiledFindOne(accounts, { username: 'cfa\u0000' })).toBeNull();
    expect((await compiledFind(accounts, { id: [99999999999, cfa.id] })).map((a) => a.username)).toEqual(['cfa']);
    expect(await ds.transaction((tx) => compiledFindOne(tx.getRepository(AccountEntity), { id: 2 ** 40 }, { lock: 'update' }))).toBeNull();
  });
});
