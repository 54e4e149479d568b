import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { type AppProcess, startApp } from './processes';
import { call, CREDS, form, md5, startTestGateway, testEnv, type TestGateway } from './test-gateway';

/** A documentation-range address per test, sent as X-Forwarded-For (the test client is a trusted loopback proxy). */
const freshIp = (): string => `198.51.100.${1 + (randomBytes(1)[0] % 250)}`;
const admin = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${CREDS.adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
});

function panelLogin(gw: { readonly url: string }, ip: string, password: string): Promise<string> {
  const init = form({ user: CREDS.panelUser, password, cmd: 'v-list-users', arg1: 'json', returncode: 'yes' });
  return call(`${gw.url}/panel/api/`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': ip } }).then((r) => r.body);
}

async function projectLogin(gw: { readonly url: string }, ip: string, password: string): Promise<{ status: number; body: string }> {
  const r = await call(`${gw.url}/project/api.php/v1/api/resources/json?username=${CREDS.projectUser}&password=${md5(password)}`, { headers: { 'x-forwarded-for': ip } });
  return { status: r.status, body: r.body };
}

/** The products' own limits, which every other test file lifts (see testEnv). */
const PRODUCT_LIMITS = { PANEL_BAN_MAX_FAILURES: '5', PROJECT_BAN_MAX_FAILURES: '3' };

describe('failed-login bans', () => {
  describe('on the embedded store', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      gw = await startTestGateway(PRODUCT_LIMITS);
    });
    afterAll(() => gw.close());

    it('panel: five failures ban the IP, even for the right password, until an admin lifts the ban', async () => {
      const ip = freshIp();
      for (let i = 0; i < 4; i++) expect(await panelLogin(gw, ip, 'wrong-password')).toBe('9');
      // fail2ban counts failures in its window, successes in between do not reset the count.
      expect(await panelLogin(gw, ip, CREDS.panelPassword)).toBe('0');
      expect(await panelLogin(gw, ip, 'wrong-password')).toBe('9');
      expect(await panelLogin(gw, ip, CREDS.panelPassword)).toBe('10');
      // Another address is not affected.
      expect(await panelLogin(gw, freshIp().replace('198.51.100.', '203.0.113.'), CREDS.panelPassword)).toBe('0');

      const listed = JSON.parse((await call(`${gw.url}/admin/bans`, admin('GET'))).body) as Array<{ scope: string; ip: string; bannedUntil: string }>;
      const ban = listed.find((b) => b.scope === 'panel' && b.ip === ip);
      expect(ban).toBeDefined();
      const minutes = (Date.parse(ban?.bannedUntil ?? '') - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(9);
      expect(minutes).toBeLessThanOrEqual(10);

      expect((await call(`${gw.url}/admin/bans/panel/${ip}`, admin('DELETE'))).status).toBe(204);
      expect((await call(`${gw.url}/admin/bans/panel/${ip}`, admin('DELETE'))).status).toBe(404);
      expect(await panelLogin(gw, ip, CREDS.panelPassword)).toBe('0');
    });

    it('panel: a banned IP reads Hestia’s forbidden error in text mode', async () => {
      const ip = freshIp().replace('198.51.100.', '192.0.2.');
      for (let i = 0; i < 5; i++) await panelLogin(gw, ip, 'wrong-password');
      const init = form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'json' });
      const r = await call(`${gw.url}/panel/api/`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': ip } });
      expect(r.body).toBe(`Error: IP address ${ip} is banned after repeated failed logins`);
    });

    it('project: three consecutive failures ban the IP; a success in between starts the count again', async () => {
      const ip = freshIp();
      expect((await projectLogin(gw, ip, 'wrong')).status).toBe(403);
      expect((await projectLogin(gw, ip, 'wrong')).status).toBe(403);
      expect((await projectLogin(gw, ip, CREDS.projectPassword)).status).toBe(200);
      expect((await projectLogin(gw, ip, 'wrong')).status).toBe(403);
      expect((await projectLogin(gw, ip, 'wrong')).status).toBe(403);
      expect((await projectLogin(gw, ip, CREDS.projectPassword)).status).toBe(200);
      for (let i = 0; i < 3; i++) await projectLogin(gw, ip, 'wrong');
      const refused = await projectLogin(gw, ip, CREDS.projectPassword);
      // wbTeamPro answers a banned address as it answers bad credentials, so a probe learns nothing.
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('Permission Denied');
      // Bans are per dialect: the panel still serves this address.
      expect(await panelLogin(gw, ip, CREDS.panelPassword)).toBe('0');
      expect((await call(`${gw.url}/admin/bans/project/${ip}`, admin('DELETE'))).status).toBe(204);
      expect((await projectLogin(gw, ip, CREDS.projectPassword)).status).toBe(200);
    });

    it('a user name with a control character is a failed login like any other, counted toward the ban', async () => {
      // PostgreSQL refuses a NUL in text: the name must never reach it, or the answer was a 400.
      const ip = freshIp();
      const login = (username: string, password: string) =>
        call(`${gw.url}/project/api.php/v1/api/resources/json?username=${encodeURIComponent(username)}&password=${md5(password)}`, { headers: { 'x-forwarded-for': ip } });
      for (const name of [`${CREDS.projectUser}\0`, `\0`, `${CREDS.projectUser}\u0007`]) {
        const r = await login(name, CREDS.projectPassword);
        expect({ status: r.status, denied: r.body.includes('Permission Denied') }).toEqual({ status: 403, denied: true });
      }
      expect((await login(CREDS.projectUser, CREDS.projectPassword)).status).toBe(403);
      expect((await call(`${gw.url}/admin/bans/project/${ip}`, admin('DELETE'))).status).toBe(204);

      // Blesta's API user, which arrives base64-encoded in the Basic header.
      const basicNul = `Basic ${Buffer.from(`${CREDS.billingUser}\0:${CREDS.billingKey}`).toString('base64')}`;
      const billing = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basicNul } });
      expect(billing.status).toBe(401);
      expect(JSON.parse(billing.body)).toMatchObject({ errors: { user: { valid: 'The API user or key appears to be invalid.' } } });
    });

    it('rejects lifting a ban in an unknown scope', async () => {
      expect((await call(`${gw.url}/admin/bans/billing/192.0.2.1`, admin('DELETE'))).status).toBe(400);
    });
  });

  describe('across replicas sharing Redis', () => {
    let a: TestGateway;
    let b: TestGateway;
    beforeAll(async () => {
      const redis = { ...PRODUCT_LIMITS, REDIS_URL: process.env['HOSTGATE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379', PROJECT_BAN_SECONDS: '120' };
      a = await startTestGateway(redis);
      // The second replica has its own database: only Redis carries the ban between them.
      b = await startTestGateway(redis);
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('a ban earned on one replica holds on the other, and lifting it on either frees both', async () => {
      const ip = `2001:db8::${randomBytes(2).toString('hex')}`;
      for (let i = 0; i < 3; i++) expect((await projectLogin(a, ip, 'wrong')).status).toBe(403);
      expect((await projectLogin(b, ip, CREDS.projectPassword)).status).toBe(403);
      const listed = JSON.parse((await call(`${b.url}/admin/bans`, admin('GET'))).body) as Array<{ scope: string; ip: string; bannedUntil: string }>;
      const ban = listed.find((x) => x.ip === ip);
      expect(ban?.scope).toBe('project');
      expect((Date.parse(ban?.bannedUntil ?? '') - Date.now()) / 1000).toBeGreaterThan(100);
      expect((await call(`${b.url}/admin/bans/project/${encodeURIComponent(ip)}`, admin('DELETE'))).status).toBe(204);
      expect((await projectLogin(a, ip, CREDS.projectPassword)).status).toBe(200);
    });
  });

  describe('across two gateway processes sharing the database (no Redis)', () => {
    let db: TestDatabase;
    let a: TestGateway;
    let b: AppProcess;
    beforeAll(async () => {
      db = await createTestDatabase();
      a = await startTestGateway(PRODUCT_LIMITS, db);
      // The second replica is the built gateway in its own process, on the same SQLite file or PostgreSQL schema.
      b = await startApp('gateway', testEnv(db, PRODUCT_LIMITS));
    });
    afterAll(async () => {
      await b?.stop();
      await a?.close();
      await db?.dispose();
    });

    it('a project ban earned through one process holds in the other, and lifting it in either frees both', async () => {
      const ip = freshIp().replace('198.51.100.', '203.0.113.');
      const viaB = (password: string) => projectLogin(b, ip, password);
      for (let i = 0; i < 3; i++) expect((await viaB('wrong')).status).toBe(403);
      expect((await viaB(CREDS.projectPassword)).status).toBe(403);
      expect((await projectLogin(a, ip, CREDS.projectPassword)).status).toBe(403);
      expect((await call(`${a.url}/admin/bans/project/${ip}`, admin('DELETE'))).status).toBe(204);
      expect((await viaB(CREDS.projectPassword)).status).toBe(200);
    });

    it('a panel ban earned through one process holds in the other', async () => {
      const ip = freshIp().replace('198.51.100.', '192.0.2.');
      for (let i = 0; i < 5; i++) expect(await panelLogin(a, ip, 'wrong-password')).toBe('9');
      expect(await panelLogin(b, ip, CREDS.panelPassword)).toBe('10');
      expect((await call(`${b.url}/admin/bans/panel/${ip}`, admin('DELETE'))).status).toBe(204);
      expect(await panelLogin(b, ip, CREDS.panelPassword)).toBe('0');
    });
  });
});
