import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@hostgate/shared/config';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { type RunningGateway, startGateway } from '../lib/start-gateway';

/** Credentials every test gateway is bootstrapped with. */
export const CREDS = {
  adminToken: 'test-admin-token-0123456789abcdef',
  billingUser: 'billing-api',
  billingKey: '0123456789abcdef0123456789abcdef',
  panelUser: 'admin',
  panelPassword: 'panel-Passw0rd',
  projectUser: 'pm',
  projectPassword: 'project-Passw0rd',
  installerKey: 'installer-key-0123456789abcdef0123',
} as const;

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
export const basic = (user: string, key: string): string => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

export function testEnv(db: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: db.settings.dataDir,
    ...(db.settings.databaseUrl ? { DATABASE_URL: db.settings.databaseUrl } : {}),
    HOSTGATE_ADMIN_TOKEN: CREDS.adminToken,
    BILLING_API_USER: CREDS.billingUser,
    BILLING_API_KEY: CREDS.billingKey,
    PANEL_ADMIN_USER: CREDS.panelUser,
    PANEL_ADMIN_PASSWORD: CREDS.panelPassword,
    PROJECT_ADMIN_USER: CREDS.projectUser,
    PROJECT_ADMIN_PASSWORD: CREDS.projectPassword,
    INSTALLER_API_KEY: CREDS.installerKey,
    // Tests of wrong credentials must not ban the test client's address for the rest of their file;
    // login-bans.e2e-spec.ts sets the products' own limits.
    PANEL_BAN_MAX_FAILURES: '1000',
    PROJECT_BAN_MAX_FAILURES: '1000',
    ...extra,
  };
}

export interface TestGateway extends RunningGateway {
  readonly db: TestDatabase;
}

/** A gateway on a private database (SQLite, or a PostgreSQL schema in the PostgreSQL run) on a free port. */
export async function startTestGateway(extra: Record<string, string> = {}, db?: TestDatabase, logStream?: { write(line: string): void }): Promise<TestGateway> {
  const database = db ?? (await createTestDatabase());
  const gateway = await startGateway(loadConfig(testEnv(database, extra)), { logStream });
  return {
    ...gateway,
    db: database,
    close: async () => {
      await gateway.close();
      if (!db) await database.dispose();
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * Runs `work` and answers the transactions PostgreSQL aborted meanwhile (deadlock, serialization
 * failure) that Hostgate then ran again: pg-retry's warn lines. Empty when none was needed.
 */
export async function transactionsRunAgain(work: () => Promise<unknown>): Promise<string[]> {
  const warned = jest.spyOn(Logger.prototype, 'warn');
  try {
    await work();
    return warned.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('rolled back by PostgreSQL'));
  } finally {
    warned.mockRestore();
  }
}
