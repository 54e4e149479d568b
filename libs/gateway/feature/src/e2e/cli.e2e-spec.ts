import { VERIFIED_TTL_MS } from '@hostgate/shared/auth';
import { loadConfig } from '@hostgate/shared/config';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { runCli } from '../lib/cli/cli';
import { basic, call, CREDS, form, startTestGateway, testEnv, type TestGateway } from './test-gateway';

describe('operator CLI', () => {
  let db: TestDatabase;
  let gw: TestGateway;
  const lines: { out: string[]; err: string[] } = { out: [], err: [] };
  const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
  const limits = { PANEL_BAN_MAX_FAILURES: '5' };
  const cli = (...argv: string[]) => runCli(argv, loadConfig(testEnv(db, limits)), io);

  beforeAll(async () => {
    db = await createTestDatabase();
    gw = await startTestGateway(limits, db);
  });
  afterAll(async () => {
    await gw.close();
    await db.dispose();
  });
  beforeEach(() => {
    lines.out.length = 0;
    lines.err.length = 0;
  });

  it('creates a credential that the running gateway accepts at once, then revokes it', async () => {
    expect(await cli('credentials', 'create', '--kind', 'billing_api_key', '--identifier', 'ops-user')).toBe(0);
    const created = JSON.parse(lines.out[0]) as { credential: { id: number }; secret: string };
    const use = () => call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic('ops-user', created.secret) } });
    expect((await use()).status).toBe(200);
    expect(await cli('credentials', 'revoke', String(created.credential.id))).toBe(0);
    // Another process revoked it: the gateway's short verification memory lapses first.
    await new Promise((r) => setTimeout(r, VERIFIED_TTL_MS + 100));
    expect((await use()).status).toBe(401);
  });

  it('lists credentials without secrets', async () => {
    expect(await cli('credentials', 'list', '--kind', 'installer_key')).toBe(0);
    expect(lines.out).toHaveLength(1);
    expect(JSON.parse(lines.out[0])).toMatchObject({ kind: 'installer_key', identifier: 'key', revokedAt: null });
  });

  it('explains bad usage with exit code 2', async () => {
    expect(await cli('credentials', 'create')).toBe(2);
    expect(lines.err.join('\n')).toContain('--kind is required');
    expect(await cli('credentials', 'list', '--kind', 'bogus')).toBe(2);
    expect(await cli('frobnicate')).toBe(2);
  });

  it('changes an operator setting that the running gateway obeys at once, and puts it back', async () => {
    const usersGet = () => call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
    expect(await cli('settings', 'set', 'billing.maintenance', 'yes')).toBe(0);
    expect((await usersGet()).status).toBe(503);
    expect(await cli('settings', 'set', 'billing.maintenance', 'maybe')).toBe(1);
    expect(lines.err.join('\n')).toContain('must be one of yes, no');
    expect(await cli('settings', 'reset', 'billing.maintenance')).toBe(0);
    expect((await usersGet()).status).toBe(200);
    lines.out.length = 0;
    expect(await cli('settings', 'list')).toBe(0);
    expect(lines.out.map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(expect.arrayContaining(['billing.maintenance', 'panel.api_allowed_ip', 'project.api_active']));
  });

  it('lists and lifts login bans', async () => {
    const ip = '192.0.2.77';
    const login = () => {
      const init = form({ user: CREDS.panelUser, password: 'wrong-password', cmd: 'v-list-users', returncode: 'yes' });
      return call(`${gw.url}/panel/api/`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': ip } });
    };
    for (let i = 0; i < 5; i++) await login();
    expect(await cli('bans', 'list')).toBe(0);
    expect(lines.out.map((l) => JSON.parse(l) as { scope: string; ip: string })).toEqual([expect.objectContaining({ scope: 'panel', ip })]);
    expect(await cli('bans', 'lift', 'panel', ip)).toBe(0);
    expect(await cli('bans', 'lift', 'panel', ip)).toBe(1);
    expect(await cli('bans', 'lift', 'nowhere', ip)).toBe(2);
    lines.out.length = 0;
    expect(await cli('bans', 'list')).toBe(0);
    expect(lines.out).toEqual([]);
  });
});
