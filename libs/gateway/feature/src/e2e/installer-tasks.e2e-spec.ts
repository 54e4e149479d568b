import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { createTestDatabase, dataSourceOptions, InstallerTaskEntity, type TestDatabase } from '@hostgate/shared/persistence';
import { hestia } from './panel-client';
import { installer, waitForTask } from './installer-client';
import { userWithSites, WP_FIELDS } from './installer-fixtures';
import { startTestGateway, type TestGateway } from './test-gateway';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * What a process killed in the middle of a background install leaves behind: the install and its
 * database committed, the task row `running` after `attempts` starts, and no files yet.
 */
async function crashMidInstall(db: TestDatabase, gwDataDir: string, taskId: string, installId: string, attempts: number): Promise<void> {
  const ds = new DataSource(dataSourceOptions(db.settings));
  await ds.initialize();
  try {
    await ds.query(`UPDATE installer_tasks SET status = 'running', progress = 10, attempts = ${attempts}, result = NULL, finished_at = NULL, params = '{"dbPassword":"pw-from-before"}' WHERE id = ${Number(taskId)}`);
    await ds.query(`UPDATE installer_installs SET status = 'installing' WHERE id = '${installId.replace(/'/g, '')}'`);
  } finally {
    await ds.destroy();
  }
  rmSync(join(gwDataDir, 'home', 'tess', 'web', 'tess.example', 'public_html', 'site'), { recursive: true, force: true });
}

describe('installer: /tasks', () => {
  describe('in-process runner (no REDIS_URL)', () => {
    let db: TestDatabase;
    let gw: TestGateway;
    let job: { id: string; task: string };
    const siteDir = () => join(db.settings.dataDir, 'home', 'tess', 'web', 'tess.example', 'public_html', 'site');

    beforeAll(async () => {
      db = await createTestDatabase();
      gw = await startTestGateway({ INSTALLER_TASK_CONCURRENCY: '1' }, db);
      await userWithSites(gw, 'tess', ['tess.example']);
    });
    afterAll(async () => {
      await gw.close();
      await db.dispose();
    });

    it('lists every background job with status, progress and result, filterable by user', async () => {
      job = (await installer<{ id: string; task: string }>(gw, 'POST', '/browser/wordpress/install', { user: 'tess', url: 'https://tess.example/site', background: 'yes', ...WP_FIELDS })).body.data;
      const done = await waitForTask(gw, job.task);
      expect(done).toMatchObject({ id: job.task, cmd: 'browser/install', user: 'tess', install: job.id, status: 'completed', progress: 100, attempts: 1 });
      const list = await installer<Array<{ id: string }>>(gw, 'GET', '/tasks', { user: 'tess' });
      expect(list.body).toMatchObject({ total_count: 1, has_more: false, data: [expect.objectContaining({ id: job.task })] });
      expect((await installer(gw, 'GET', '/tasks', { user: 'nobody' })).body.total_count).toBe(0);
      expect((await installer(gw, 'GET', '/tasks/999999')).body).toMatchObject({ status: 404, errcode: 'task_not_found' });
      // Only the id's decimal digits name it: other spellings of the same number are ids no task has, echoed as given.
      const n = Number(job.task);
      for (const other of [`0x${n.toString(16)}`, `${n}e0`, `${n}.0`, `+${n}`, `0b${n.toString(2)}`]) {
        const r = await installer(gw, 'GET', `/tasks/${encodeURIComponent(other)}`);
        expect({ other, body: r.body }).toEqual({ other, body: expect.objectContaining({ status: 404, errcode: 'task_not_found', message: `task ${other} doesn't exist\n` }) });
      }
      expect((await installer(gw, 'GET', '/tasks/99999999999999999999')).body).toMatchObject({ status: 404, message: "task 99999999999999999999 doesn't exist\n" });
      expect(existsSync(join(siteDir(), 'index.php'))).toBe(true);
    });

    it('resumes a job a crash cut off, after a restart', async () => {
      await gw.close();
      await crashMidInstall(db, db.settings.dataDir, job.task, job.id, 1);
      expect(existsSync(join(siteDir(), 'index.php'))).toBe(false);
      gw = await startTestGateway({ INSTALLER_TASK_CONCURRENCY: '1' }, db);
      const done = await waitForTask(gw, job.task);
      expect(done).toMatchObject({ status: 'completed', attempts: 2, result: { id: job.id } });
      expect((await installer(gw, 'GET', `/installs/${job.id}`)).body.data).toMatchObject({ status: 'installed' });
      expect(existsSync(join(siteDir(), 'index.php'))).toBe(true);
    });

    it('marks failed a job interrupted too often, and takes its install and database back', async () => {
      const dbName = (await installer<Record<string, string>>(gw, 'GET', `/installs/${job.id}`)).body.data['db-name'];
      await gw.close();
      await crashMidInstall(db, db.settings.dataDir, job.task, job.id, 3);
      gw = await startTestGateway({ INSTALLER_TASK_CONCURRENCY: '1' }, db);
      const failed = await waitForTask(gw, job.task);
      expect(failed).toMatchObject({ status: 'failed', errcode: 'failed_interrupted' });
      expect((await installer(gw, 'GET', `/installs/${job.id}`)).body).toMatchObject({ status: 404, errcode: 'install_not_found' });
      expect(Object.keys(JSON.parse((await hestia(gw, 'v-list-databases', ['tess', 'json'])).body) as object)).not.toContain(dbName);
      // The location is free again.
      expect((await installer(gw, 'POST', '/browser/wordpress/install', { user: 'tess', url: 'https://tess.example/site', ...WP_FIELDS })).status).toBe(200);
    });

    it('runs queued jobs within the concurrency limit, all to the end', async () => {
      await userWithSites(gw, 'uma', ['uma.example']);
      const jobs = await Promise.all(
        Array.from({ length: 5 }, (_, i) => installer<{ task: string }>(gw, 'POST', '/browser/grav/install', { user: 'uma', url: `https://uma.example/s${i}`, background: true, ...WP_FIELDS })),
      );
      const ended = await Promise.all(jobs.map((j) => waitForTask(gw, j.body.data.task)));
      expect(ended.map((t) => t['status'])).toEqual(Array(5).fill('completed'));
      // With a limit of one, no two jobs ever overlapped: each started after the previous one finished (stored to the millisecond).
      const ds = new DataSource(dataSourceOptions(db.settings));
      await ds.initialize();
      try {
        const ids = ended.map((t) => Number(t['id']));
        const rows = await ds.getRepository(InstallerTaskEntity).findBy({ id: In(ids) });
        const spans = rows.map((r) => [(r.startedAt as Date).getTime(), (r.finishedAt as Date).getTime()] as const).sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
      } finally {
        await ds.destroy();
      }
    });
  });

  describe('BullMQ runner (REDIS_URL)', () => {
    let db: TestDatabase;
    let gw: TestGateway;
    let redis: IORedis;
    const prefix = `hg-test-${randomBytes(4).toString('hex')}`;
    const env = { REDIS_URL, INSTALLER_QUEUE_PREFIX: prefix };

    beforeAll(async () => {
      db = await createTestDatabase();
      redis = new IORedis(REDIS_URL);
      gw = await startTestGateway(env, db);
      await userWithSites(gw, 'tess', ['tess.example']);
    });
    afterAll(async () => {
      await gw.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await db.dispose();
    });

    it('runs a background install through the queue, and resumes it after a crash', async () => {
      const job = (await installer<{ id: string; task: string }>(gw, 'POST', '/browser/wordpress/install', { user: 'tess', url: 'https://tess.example/site', background: true, ...WP_FIELDS })).body.data;
      expect(await waitForTask(gw, job.task)).toMatchObject({ status: 'completed', attempts: 1 });
      // The job went through BullMQ under this test's prefix.
      expect(await redis.exists(`${prefix}:installer-tasks:meta`)).toBe(1);
      await gw.close();
      await crashMidInstall(db, db.settings.dataDir, job.task, job.id, 1);
      gw = await startTestGateway(env, db);
      expect(await waitForTask(gw, job.task)).toMatchObject({ status: 'completed', attempts: 2 });
      expect(existsSync(join(db.settings.dataDir, 'home', 'tess', 'web', 'tess.example', 'public_html', 'site', 'index.php'))).toBe(true);
    });
  });
});
