import { type DataSource, EntityNotFoundError, In, IsNull } from 'typeorm';
import { compiledFind, compiledFindOne, compiledFindOneOrFail, compiledQuery } from './compiled-find';
import { openDataSource } from './data-source';
import { AccountEntity } from './entities/account.entity';
import { HostingPackageEntity } from './entities/hosting-package.entity';
import { LoginBanEntity } from './entities/login-ban.entity';
import { TaxEntity } from './entities/billing/tax.entity';
import { CompanyEntity } from './entities/company.entity';
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
});
