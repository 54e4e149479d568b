import { type DataSource } from 'typeorm';
import { compiledQuery, openDataSource, openTestDataSource, type TestDataSource } from '@hostgate/shared/persistence';
import { InstallLeases } from './install-leases';

/** A promise the test settles by hand. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` holds, polling; jest's deadline bounds it. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(5);
}

/**
 * Two "processes": each its own InstallLeases on its own connection to one database (a second
 * SQLite connection on the same file, or a second PostgreSQL pool), as the CLI beside a gateway.
 */
describe('InstallLeases', () => {
  let t: TestDataSource;
  let otherDs: DataSource;
  let a: InstallLeases;
  let b: InstallLeases;

  beforeAll(async () => {
    t = await openTestDataSource();
    otherDs = await openDataSource(t.db.settings);
  });
  afterAll(async () => {
    await otherDs?.destroy();
    await t?.close();
  });
  beforeEach(() => {
    a = new InstallLeases(t.ds);
    b = new InstallLeases(otherDs);
    for (const leases of [a, b]) leases.configure({ firstPollMs: 5, maxPollMs: 20 });
  });

  const rows = (installId: string): Promise<unknown[]> => compiledQuery(t.ds.manager, 'SELECT holder FROM install_leases WHERE install_id = :installId', { installId });

  it("another process's operation on the install waits until the holder's work has ended, then runs", async () => {
    const log: string[] = [];
    const held = gate();
    const first = a.hold('wordpress-1', async () => {
      log.push('a start');
      await held.wait;
      log.push('a end');
      return 'a';
    });
    await until(() => log.length === 1);
    const second = b.hold('wordpress-1', async () => {
      log.push('b');
      return 'b';
    });
    await until(() => b.waiting('wordpress-1') === 1);
    await sleep(50);
    expect(log).toEqual(['a start']);
    held.open();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b']);
    expect(b.waiting('wordpress-1')).toBe(0);
    expect(await rows('wordpress-1')).toEqual([]);
  });

  it('operations on different installs do not wait for each other', async () => {
    const held = gate();
    let started = false;
    const slow = a.hold('wordpress-2', async () => {
      started = true;
      await held.wait;
    });
    await until(() => started);
    expect(await b.hold('joomla-3', async () => 'other')).toBe('other');
    expect(b.waiting('wordpress-2')).toBe(0);
    held.open();
    await slow;
  });

  it('a failed operation answers its caller and still lets go of the install', async () => {
    await expect(
      a.hold('wordpress-4', async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await rows('wordpress-4')).toEqual([]);
    expect(await b.hold('wordpress-4', async () => 'ran')).toBe('ran');
  });

  it('a lease left by a process that died is taken over once it has expired, not before', async () => {
    const expires = Date.now() + 300;
    await compiledQuery(t.ds.manager, 'INSERT INTO install_leases (install_id, holder, expires_at) VALUES (:id, :holder, :expires)', { id: 'wordpress-5', holder: 'gone:1:dead', expires });
    let ranAt = 0;
    await b.hold('wordpress-5', async () => {
      ranAt = Date.now();
    });
    expect(ranAt).toBeGreaterThanOrEqual(expires);
    expect(await rows('wordpress-5')).toEqual([]);
  });

  it('the holder renews its lease while its work runs longer than the lease lasts', async () => {
    for (const leases of [a, b]) leases.configure({ ttlMs: 120, renewMs: 30 });
    const log: string[] = [];
    const first = a.hold('wordpress-6', async () => {
      log.push('a start');
      await sleep(500);
      log.push('a end');
    });
    await until(() => log.length === 1);
    const second = b.hold('wordpress-6', async () => {
      log.push('b');
    });
    await Promise.all([first, second]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });
});
