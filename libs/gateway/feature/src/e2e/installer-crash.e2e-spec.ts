import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dataSourceOptions, InstallerTaskEntity, type TestDatabase } from '@hostgate/shared/persistence';
import { installer, waitForTask } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { type AppProcess, startApp } from './processes';
import { startTestGateway, testEnv, type TestGateway } from './test-gateway';

/** The built gateway (dist) as its own process, killed with SIGKILL while background installs are under way. */
describe('installer: a process killed during background installs', () => {
  let db: TestDatabase;
  let child: AppProcess | undefined;
  let gw: TestGateway | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await gw?.close();
    await db.dispose();
  });

  it('loses no job: after a restart every task is resumed to its end', async () => {
    const env = testEnv(db, { INSTALLER_TASK_CONCURRENCY: '1' });
    child = await startApp('gateway', env);
    const first = { url: child.url } as TestGateway;
    await userWithSites(first, 'kim', ['kim.example']);
    const accepted = await Promise.all(
      Array.from({ length: 24 }, (_, i) => installer<{ id: string; task: string }>(first, 'POST', '/browser/wordpress/install', { user: 'kim', url: `https://kim.example/s${i}`, background: true, ...WP_FIELDS })),
    );
    const exited = new Promise((r) => child?.child.once('exit', r));
    child.child.kill('SIGKILL');
    await exited;
    expect(accepted.map((a) => a.status)).toEqual(Array(24).fill(200));

    // What the dead process left: every accepted task is recorded, some not finished.
    const ds = new DataSource(dataSourceOptions(db.settings));
    await ds.initialize();
    const left = await ds.getRepository(InstallerTaskEntity).find();
    await ds.destroy();
    expect(left.map((t) => String(t.id)).sort()).toEqual(accepted.map((a) => a.body.data.task).sort());
    expect(left.filter((t) => t.status !== 'completed').length).toBeGreaterThan(0);

    gw = await startTestGateway({ INSTALLER_TASK_CONCURRENCY: '2' }, db);
    for (const a of accepted) {
      const task = await waitForTask(gw, a.body.data.task, 60_000);
      expect({ task: a.body.data.task, status: task['status'] }).toEqual({ task: a.body.data.task, status: 'completed' });
      expect((await installer(gw, 'GET', `/installs/${a.body.data.id}`)).body.data).toMatchObject({ status: 'installed' });
    }
    for (let i = 0; i < 24; i++) expect(existsSync(join(db.settings.dataDir, 'home', 'kim', 'web', 'kim.example', 'public_html', `s${i}`, 'wp-config.php'))).toBe(true);
  }, 120_000);
});
