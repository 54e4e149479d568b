import { type DataSource } from 'typeorm';
import { openDataSource } from './data-source';
import { AccountEntity } from './entities/account.entity';
import { HostingPackageEntity } from './entities/hosting-package.entity';
import { MIGRATIONS } from './schema';
import { openTestDataSource, type TestDataSource } from './test-database';

describe('persistence (runs on SQLite, and on PostgreSQL in the second suite run)', () => {
  let t: TestDataSource;
  let ds: DataSource;

  beforeAll(async () => {
    t = await openTestDataSource();
    ds = t.ds;
  });
  afterAll(() => t?.close());

  it('builds the schema through migrations, with the shipped default package and company', async () => {
    const pkg = await ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    expect(pkg.webDomains).toBe('unlimited');
    const [row] = (await ds.query('SELECT name FROM companies')) as { name: string }[];
    expect(row.name).toBe('Hostgate');
    expect(await ds.showMigrations()).toBe(false);
  });

  it('is idempotent: a second start runs no migration again', async () => {
    const again = await openDataSource(t.db.settings);
    const [{ n }] = (await again.query('SELECT COUNT(*) AS n FROM migrations')) as { n: string | number }[];
    expect(Number(n)).toBe(MIGRATIONS.length);
    expect(await again.showMigrations()).toBe(false);
    await again.destroy();
  });

  it('enforces account uniqueness in the database itself', async () => {
    const repo = ds.getRepository(AccountEntity);
    const pkg = await ds.getRepository(HostingPackageEntity).findOneByOrFail({ name: 'default' });
    await repo.insert({ username: 'alice', passwordHash: 'x', email: 'a@example.com', packageId: pkg.id });
    await expect(repo.insert({ username: 'alice', passwordHash: 'y', email: 'b@example.com', packageId: pkg.id })).rejects.toThrow();
    const found = await repo.findOneByOrFail({ username: 'alice' });
    expect(found.suspended).toBe(false);
    expect(found.createdAt).toBeInstanceOf(Date);
  });
});
