import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource } from './data-source';

/** The embedded database's commit durability, whatever database the rest of the suite runs on. */
describe('SQLite synchronous setting', () => {
  const dirs: string[] = [];
  const open = async (sqliteSynchronous?: 'full' | 'normal') => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hostgate-sqlite-'));
    dirs.push(dataDir);
    return openDataSource({ dataDir, sqliteSynchronous });
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is FULL by default (a commit survives a power cut) and NORMAL when the operator asks, in WAL mode both times', async () => {
    for (const [asked, expected] of [[undefined, 2], ['full', 2], ['normal', 1]] as const) {
      const ds = await open(asked);
      const [{ synchronous }] = (await ds.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
      const [{ journal_mode }] = (await ds.query('PRAGMA journal_mode')) as Array<{ journal_mode: string }>;
      expect([asked, synchronous, journal_mode]).toEqual([asked, expected, 'wal']);
      await ds.destroy();
    }
  });
});
