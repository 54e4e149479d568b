import { AUTH_DECISION } from '@hostgate/shared/auth';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { AccountsService } from '@hostgate/domain';
import { afterRead } from './interleave';
import { basic, call, CREDS, form, startTestGateway, type TestGateway } from './test-gateway';

const json = (method: string, body?: unknown, token: string = CREDS.adminToken): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
});

describe('admin API', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('refuses a missing or wrong bearer token', async () => {
    expect((await call(`${gw.url}/admin/credentials`)).status).toBe(401);
    expect((await call(`${gw.url}/admin/credentials`, json('GET', undefined, 'nope-nope-nope-nope'))).status).toBe(401);
  });

  it('lists the bootstrap credentials without any secret or hash', async () => {
    const r = await call(`${gw.url}/admin/credentials`, json('GET'));
    expect(r.status).toBe(200);
    const list = JSON.parse(r.body) as Array<Record<string, unknown>>;
    expect(list.map((c) => c['kind']).sort()).toEqual(['admin_token', 'billing_api_key', 'installer_key', 'project_password']);
    for (const secret of [CREDS.adminToken, CREDS.billingKey, CREDS.panelPassword, CREDS.projectPassword, CREDS.installerKey]) expect(r.body).not.toContain(secret);
    expect(r.body).not.toMatch(/secret_?hash|lookup_?hash|scrypt/i);
  });

  it('creates a billing key shown once, which then works, and stops working once revoked', async () => {
    const created = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'billing_api_key', identifier: 'whmcs', companyId: 1 }));
    expect(created.status).toBe(201);
    const { credential, secret } = JSON.parse(created.body) as { credential: { id: number; identifier: string }; secret: string };
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    const use = () => call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic('whmcs', secret) } });
    expect((await use()).status).toBe(200);
    const listed = await call(`${gw.url}/admin/credentials?kind=billing_api_key`, json('GET'));
    expect(listed.body).not.toContain(secret);
    expect((await call(`${gw.url}/admin/credentials/${credential.id}`, json('DELETE'))).status).toBe(200);
    expect((await use()).status).toBe(401);
  });

  it('a billing API user or a project admin created many times at once exists once: one secret, the rest refused', async () => {
    for (const body of [
      { kind: 'billing_api_key', identifier: 'racer', companyId: 1 },
      { kind: 'project_password', identifier: 'racer-pm', secret: 'racer-Passw0rd' },
    ]) {
      const replies = await Promise.all(Array.from({ length: 8 }, () => call(`${gw.url}/admin/credentials`, json('POST', body))));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
      for (const r of replies.filter((x) => x.status === 400)) expect(JSON.parse(r.body)).toMatchObject({ message: `credential ${body.identifier} already exists` });
      const listed = JSON.parse((await call(`${gw.url}/admin/credentials?kind=${body.kind}`, json('GET'))).body) as Array<{ identifier: string; revokedAt: string | null }>;
      expect(listed.filter((c) => c.identifier === body.identifier && c.revokedAt === null)).toHaveLength(1);
    }
  });

  it('creates installer keys (key2) and panel access keys with their formats', async () => {
    const key2 = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'installer_key', identifier: 'key2' }));
    const { secret } = JSON.parse(key2.body) as { secret: string };
    expect((await call(`${gw.url}/installer/users`, { headers: { 'x-api-key': secret } })).status).toBe(200);
    const access = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'panel_access_key', owner: CREDS.panelUser }));
    const created = JSON.parse(access.body) as { credential: { identifier: string }; secret: string };
    expect(created.credential.identifier).toMatch(/^[A-Z0-9]{20}$/);
    expect(created.secret).toHaveLength(40);
    const r = await call(`${gw.url}/panel/api/`, form({ hash: `${created.credential.identifier}:${created.secret}`, cmd: 'v-list-users', arg1: 'list' }));
    expect(r.status).toBe(200);
    expect(r.body).toBe(CREDS.panelUser);
  });

  it('rejects bad input with a clear 400, not a 500', async () => {
    const r = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'nonsense' }));
    expect(r.status).toBe(400);
    expect(r.body).toContain('kind');
    const short = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'billing_api_key', identifier: 'ab' }));
    expect(short.status).toBe(400);
    const dup = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'billing_api_key', identifier: CREDS.billingUser, companyId: 1 }));
    expect(dup.status).toBe(400);
    // A name no login could send back (and PostgreSQL could not store): refused on both databases alike.
    const control = await call(`${gw.url}/admin/credentials`, json('POST', { kind: 'project_password', identifier: 'tab\tname' }));
    expect({ status: control.status, said: control.body.includes('without control characters') }).toEqual({ status: 400, said: true });
    expect((await call(`${gw.url}/admin/credentials/999999`, json('DELETE'))).status).toBe(404);
  });

  it('a body that is not JSON, or not a JSON object, is refused as such, naming nothing of the parser', async () => {
    const send = (path: string, method: string, body: string) => call(`${gw.url}/admin/${path}`, { method, headers: { authorization: `Bearer ${CREDS.adminToken}`, 'content-type': 'application/json' }, body });
    for (const [path, method] of [
      ['credentials', 'POST'],
      ['panel/admin-password', 'PUT'],
      ['settings/panel.api_system', 'PUT'],
    ]) {
      for (const [body, message] of [
        ['{"kind": ', 'The request body is not valid JSON'],
        ['x', 'The request body is not valid JSON'],
        ['[]', 'The request body must be a JSON object'],
        ['"installer_key"', 'The request body must be a JSON object'],
        ['null', 'The request body must be a JSON object'],
      ]) {
        const r = await send(path, method, body);
        expect({ path, body, status: r.status, json: JSON.parse(r.body) as unknown }).toEqual({ path, body, status: 400, json: expect.objectContaining({ statusCode: 400, message }) });
      }
    }
  });

  it('changes the panel admin password', async () => {
    expect((await call(`${gw.url}/admin/panel/admin-password`, json('PUT', { password: 'n3w-Password' }))).status).toBe(204);
    const old = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', returncode: 'yes' }));
    expect(old.body).toBe('9');
    const fresh = await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: 'n3w-Password', cmd: 'v-list-users', returncode: 'yes' }));
    expect(fresh.body).toBe('0');
  });

  it('a password change writes the password only: a contact changed after it read the account is kept', async () => {
    const accounts = gw.app.get(AccountsService);
    const changed = await afterRead(
      accounts,
      'get',
      () => accounts.changeContact(CREDS.panelUser, 'moved@example.com'),
      () => call(`${gw.url}/admin/panel/admin-password`, json('PUT', { password: 'n3w-Password-2' })),
    );
    expect(changed.status).toBe(204);
    expect((await accounts.get(CREDS.panelUser)).email).toBe('moved@example.com');
    expect(await accounts.verifyPassword(CREDS.panelUser, 'n3w-Password-2')).toBeDefined();
  });

  it('lists, changes and resets operator settings, refusing unknown keys and bad values', async () => {
    const list = JSON.parse((await call(`${gw.url}/admin/settings`, json('GET'))).body) as Array<{ key: string; value: string; isDefault: boolean }>;
    expect(list.find((s) => s.key === 'panel.api_system')).toEqual(expect.objectContaining({ value: '1', isDefault: true }));
    const set = await call(`${gw.url}/admin/settings/project.api_active`, json('PUT', { value: 'no' }));
    expect(set.status).toBe(200);
    expect(JSON.parse(set.body)).toEqual(expect.objectContaining({ key: 'project.api_active', value: 'no', isDefault: false }));
    expect((await call(`${gw.url}/admin/settings/panel.api_system`, json('PUT', { value: '7' }))).status).toBe(400);
    expect((await call(`${gw.url}/admin/settings/panel.api_allowed_ip`, json('PUT', { value: '192.0.2.1, not-an-ip' }))).status).toBe(400);
    const ips = await call(`${gw.url}/admin/settings/panel.api_allowed_ip`, json('PUT', { value: '192.0.2.1, 192.0.2.2\n2001:db8::1' }));
    expect(JSON.parse(ips.body)).toEqual(expect.objectContaining({ value: '192.0.2.1,192.0.2.2,2001:db8::1' }));
    expect((await call(`${gw.url}/admin/settings/panel.api_allowed_ip`, json('DELETE'))).status).toBe(200);
    expect((await call(`${gw.url}/admin/settings/no.such`, json('PUT', { value: 'x' }))).status).toBe(404);
    expect((await call(`${gw.url}/admin/settings/panel.api`, json('PUT', {}))).status).toBe(400);
    const reset = await call(`${gw.url}/admin/settings/project.api_active`, json('DELETE'));
    expect(JSON.parse(reset.body)).toEqual(expect.objectContaining({ value: 'yes', isDefault: true }));
  });

  it('every route makes an explicit auth decision (deny by default)', () => {
    const modules = gw.app.get(ModulesContainer);
    const scanner = new MetadataScanner();
    const undecided: string[] = [];
    let routes = 0;
    for (const wrapper of [...modules.values()].flatMap((m) => [...m.controllers.values()])) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes++;
        const decided = Reflect.getMetadata(AUTH_DECISION, handler) ?? Reflect.getMetadata(AUTH_DECISION, metatype);
        if (!decided) undecided.push(`${metatype.name}.${name}`);
      }
    }
    expect(routes).toBeGreaterThanOrEqual(8);
    expect(undecided).toEqual([]);
  });
});
