import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { installPgReads } from './pg-reads';
import { installPgTransactionRetry } from './pg-retry';
import { installSqliteGate } from './sqlite-gate';

export interface PersistenceSettings {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** SQLite only; full (the default) makes every commit durable across a power cut. */
  readonly sqliteSynchronous?: 'full' | 'normal';
}

export const SQLITE_FILE = 'hostgate.sqlite';

/** How long an SQLite connection waits for another process's write lock before it fails. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** PostgreSQL when a URL is given; otherwise the embedded SQLite file, in WAL mode, in the data dir. */
export function dataSourceOptions(settings: PersistenceSettings): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  } as const;
  if (settings.databaseUrl) {
    return { ...common, type: 'postgres', url: settings.databaseUrl, extra: { max: 10, connectionTimeoutMillis: 5_000 } };
  }
  mkdirSync(settings.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(settings.dataDir, SQLITE_FILE),
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      // Another process's write lock (the CLI beside a running gateway) is waited for, not failed on:
      // here during start-up; once the gate is installed it waits instead, off the event loop.
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`synchronous = ${settings.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    },
  };
}

const MIGRATION_LOCK_ID = 0x486f7374; // any constant shared by every process of this schema

/**
 * Runs pending migrations. On PostgreSQL several containers may start at once on an empty
 * database, so migrations run under an advisory lock held on one dedicated connection.
 */
export async function runMigrations(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'postgres') {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

export async function openDataSource(settings: PersistenceSettings): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(settings));
  await ds.initialize();
  if (ds.options.type === 'better-sqlite3') installSqliteGate(ds, SQLITE_BUSY_TIMEOUT_MS);
  else {
    installPgReads(ds);
    installPgTransactionRetry(ds);
  }
  try {
    await runMigrations(ds);
  } catch (e) {
    await ds.destroy();
    throw e;
  }
  return ds;
}
