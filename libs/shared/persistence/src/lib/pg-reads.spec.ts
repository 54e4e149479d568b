import { QueryFailedError } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { HostingPackageEntity } from './entities/hosting-package.entity';
import { offendingValue } from './pg-reads';
import { openTestDataSource, type TestDataSource } from './test-database';

/** Runs on SQLite and on PostgreSQL (the second suite run): reads answer the same on both. */
describe('reads with a value no row can hold (pg-reads on PostgreSQL)', () => {
  let t: TestDataSource;
  let aliceId: number;
  beforeAll(async () => {
    t = await openTestDataSource();
    const pkg = await t.ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    await t.ds.getRepository(AccountEntity).insert({ username: 'alice', passwordHash: 'x', email: 'alice@example.com', packageId: pkg.id });
    aliceId = (await t.ds.getRepository(AccountEntity).findOneByOrFail({ username: 'alice' })).id;
  });
  afterAll(() => t?.close());

  const byId = (id: unknown) => t.ds.getRepository(AccountEntity).createQueryBuilder('a').where('a.id = :id', { id }).getMany();

  it('an id beyond the integer column, a fraction, a word or a NUL finds nothing, through the query builder and find', async () => {
    for (const id of [99999999999, '99999999999', 2147483648, 1.5, '1.5', 'abc', 'a\u0000b']) {
      expect(await byId(id)).toEqual([]);
      expect(await t.ds.getRepository(AccountEntity).findOneBy({ id: id as number })).toBeNull();
    }
    expect(await t.ds.getRepository(AccountEntity).findBy({ username: 'ali\u0000ce' })).toEqual([]);
    expect((await byId(aliceId)).map((a) => a.username)).toEqual(['alice']);
  });

  it('only the value that cannot be held stops matching: the rest of the filter still finds its rows', async () => {
    const either = (username: string, id: unknown) =>
      t.ds.getRepository(AccountEntity).createQueryBuilder('a').where('a.username = :username OR a.id = :id', { username, id }).getMany();
    expect((await either('alice', 99999999999)).map((a) => a.username)).toEqual(['alice']);
    expect((await either('nobody', aliceId)).map((a) => a.username)).toEqual(['alice']);
    expect((await either('ali\u0000ce', aliceId)).map((a) => a.username)).toEqual(['alice']);
    const inList = await t.ds.getRepository(AccountEntity).createQueryBuilder('a').where('a.username IN (:...names)', { names: ['x\u0000', 'alice'] }).getMany();
    expect(inList.map((a) => a.username)).toEqual(['alice']);
  });

  it('writes are not changed: PostgreSQL still refuses what it cannot store', async () => {
    const pkg = await t.ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    const insert = t.ds.getRepository(AccountEntity).insert({ username: 'n\u0000ul', passwordHash: 'x', email: 'nul@example.com', packageId: pkg.id });
    if (t.db.kind === 'postgres') await expect(insert).rejects.toBeInstanceOf(QueryFailedError);
    else await expect(insert).resolves.toBeDefined();
  });

  it('inside a transaction a NUL finds nothing too; an out-of-range id is still refused on PostgreSQL (the refusal has aborted the transaction)', async () => {
    await t.ds.transaction(async (tx) => {
      expect(await tx.getRepository(AccountEntity).findBy({ username: 'a\u0000b' })).toEqual([]);
    });
    const outOfRange = t.ds.transaction((tx) => tx.getRepository(AccountEntity).findOneBy({ id: 99999999999 }));
    if (t.db.kind === 'postgres') await expect(outOfRange).rejects.toBeInstanceOf(QueryFailedError);
    else await expect(outOfRange).resolves.toBeNull();
  });
});

describe('offendingValue', () => {
  const failure = (code: string, message: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

  it('reads the value out of PostgreSQL’s out-of-range and invalid-syntax errors, and nothing out of others', () => {
    expect(offendingValue(failure('22003', 'value "99999999999" is out of range for type integer'))).toBe('99999999999');
    expect(offendingValue(failure('22P02', 'invalid input syntax for type integer: "1.5"'))).toBe('1.5');
    expect(offendingValue(failure('22P02', 'invalid input syntax for type integer: "say "hi""'))).toBe('say "hi"');
    expect(offendingValue(failure('23505', 'duplicate key value violates unique constraint "x"'))).toBeUndefined();
    expect(offendingValue(failure('22P02', 'ungültige Eingabesyntax für Typ integer: »1.5«'))).toBeUndefined();
    expect(offendingValue(new Error('value "1" is out of range for type integer'))).toBeUndefined();
  });
});
