import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { openDataSource, type PersistenceSettings } from './data-source';

/** The suite runs once on SQLite and once on PostgreSQL; this variable selects the second run. */
export const TEST_DATABASE_ENV = 'HOSTGATE_TEST_DATABASE_URL';

export interface TestDatabase {
  readonly settings: PersistenceSettings & { readonly databaseUrl?: string };
  readonly kind: 'sqlite' | 'postgres';
  /** Drops the schema or deletes the files. */
  dispose(): Promise<void>;
}

/**
 * A private database for one test file: a temp dir holding the SQLite file, or a fresh PostgreSQL
 * schema (reached through search_path) so parallel test workers never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hostgate-test-'));
  const base = process.env[TEST_DATABASE_ENV];
  if (!base) {
    return {
      kind: 'sqlite',
      settings: { dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    settings: { dataDir, databaseUrl: url.toString() },
    dispose: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDataSource {
  readonly db: TestDatabase;
  /** Opened with the schema migrated, as the apps open it. */
  readonly ds: DataSource;
  /** Closes the data source and drops the database. */
  close(): Promise<void>;
}

/** A private database (see createTestDatabase) opened as the apps open theirs. */
export async function openTestDataSource(): Promise<TestDataSource> {
  const db = await createTestDatabase();
  let ds: DataSource;
  try {
    ds = await openDataSource(db.settings);
  } catch (e) {
    await db.dispose();
    throw e;
  }
  return {
    db,
    ds,
    close: async () => {
      await ds.destroy();
      await db.dispose();
    },
  };
}
