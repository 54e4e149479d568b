import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { type AppProcess, countingRelay, startApp } from './processes';
import { basic, call, CREDS, form, md5, type Reply, startTestGateway, testEnv, type TestGateway } from './test-gateway';

jest.setTimeout(120_000);

/** The walking-skeleton calls, each as (path, init). */
const SKELETON: ReadonlyArray<readonly [string, string, RequestInit]> = [
  ['billing json', '/billing/api/users/get.json?user_id=1', { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } }],
  ['billing xml', '/billing/api/users/get.xml?user_id=1', { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } }],
  ['billing php', '/billing/api/users/get.php?user_id=1', { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } }],
  ['billing 401', '/billing/api/users/get.json?user_id=1', { headers: { authorization: basic(CREDS.billingUser, 'bad') } }],
  ['billing 404', '/billing/api/nope/get.json', { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } }],
  ['billing 415', '/billing/api/users/get.csv', { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } }],
  ['panel json', '/panel/api/', form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'json' })],
  ['panel code', '/panel/api/', form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', returncode: 'yes' })],
  ['panel 9', '/panel/api/', form({ user: CREDS.panelUser, password: 'bad', cmd: 'v-list-users', returncode: 'yes' })],
  ['project', `/project/api.php/v1/api/resources/json?username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`, {}],
  ['project xml', `/project/api/v1/api/resources/xml?username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`, {}],
  ['project denied', `/project/api.php/v1/api/resources/json?username=${CREDS.projectUser}&password=bad`, {}],
  ['installer', '/installer/users', { headers: { 'x-api-key': CREDS.installerKey } }],
  ['installer 403', '/installer/users', { headers: { 'x-api-key': 'bad' } }],
  ['installer unknown path', '/installer/nothing-here', { headers: { 'x-api-key': CREDS.installerKey } }],
  ['panel unknown path', '/panel/nowhere', {}],
  ['project unknown resource', `/project/api.php/v1/nothing/json?username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`, {}],
  ['billing unknown path', '/billing/elsewhere', {}],
];

function withId(init: RequestInit, id: string): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'x-request-id': id } };
}

function comparable(r: Reply) {
  return { status: r.status, type: r.headers.get('content-type'), exit: r.headers.get('hestia-exit-code'), id: r.headers.get('x-request-id'), body: r.body };
}

describe('forward mode: every dialect in its own process behind the gateway', () => {
  let db: TestDatabase;
  const apps: Record<string, AppProcess> = {};
  let forwarding: TestGateway;
  let inProcess: TestGateway;
  let relay: Awaited<ReturnType<typeof countingRelay>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The in-process gateway bootstraps the shared database first; the dialect apps then find it ready.
    inProcess = await startTestGateway({}, db);
    const env = testEnv(db);
    for (const d of ['billing', 'panel', 'project', 'installer']) apps[d] = await startApp(d, env);
    relay = await countingRelay(new URL(apps['billing'].url));
    forwarding = await startTestGateway(
      {
        UPSTREAM_BILLING_URL: relay.url,
        UPSTREAM_PANEL_URL: apps['panel'].url,
        UPSTREAM_PROJECT_URL: apps['project'].url,
        UPSTREAM_INSTALLER_URL: apps['installer'].url,
        PANEL_LISTEN_PORT: '0',
      },
      db,
    );
  });

  afterAll(async () => {
    await forwarding?.close();
    await inProcess?.close();
    await relay?.close();
    await Promise.all(Object.values(apps).map((a) => a.stop()));
    await db?.dispose();
  });

  it('forwards every prefix', () => {
    expect([...forwarding.forwarded].sort()).toEqual(['billing', 'installer', 'panel', 'project']);
  });

  it.each(SKELETON)('%s answers byte for byte as in process', async (_name, path, init) => {
    const direct = await call(`${inProcess.url}${path}`, withId(init, 'same-id'));
    const forwarded = await call(`${forwarding.url}${path}`, withId(init, 'same-id'));
    expect(comparable(forwarded)).toEqual(comparable(direct));
  });

  it('reuses pooled keep-alive connections instead of opening one per request', async () => {
    const before = relay.connections();
    for (let i = 0; i < 25; i++) {
      const r = await call(`${forwarding.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) } });
      expect(r.status).toBe(200);
    }
    expect(relay.connections() - before).toBeLessThanOrEqual(1);
  });

  it('streams a request body and forwards X-Forwarded-For/-Proto (the upstream sees the client)', async () => {
    const big = 'x'.repeat(200_000);
    const r = await call(`${forwarding.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'list', arg2: big }));
    expect(r.status).toBe(200);
    expect(r.body).toBe(`${CREDS.panelUser}\n`);
  });

  it('serves the panel at the root of the dedicated TLS listener, with a certificate kept in DATA_DIR', async () => {
    expect(forwarding.panelUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(join(db.settings.dataDir, 'tls', 'panel.crt'));
    const body = new URLSearchParams({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'list' }).toString();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${forwarding.panelUrl}/api/`, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(answer).toEqual({ status: 200, body: `${CREDS.panelUser}\n` });
  });

  it('takes a body sent after 100 Continue (curl does so for every body over 1 KiB) as in process', async () => {
    // As curl sends it: the headers with Expect: 100-continue, the body once the server said continue.
    const send = (base: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const body = new URLSearchParams({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'list', arg2: 'x'.repeat(2048) }).toString();
        const req = httpRequest(`${base}/panel/api/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), expect: '100-continue' } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('continue', () => req.end(body));
        req.on('error', reject);
      });
    expect(await send(inProcess.url)).toEqual({ status: 200, body: `${CREDS.panelUser}\n` });
    expect(await send(forwarding.url)).toEqual({ status: 200, body: `${CREDS.panelUser}\n` });
  });

  it('answers a client that ends its side of the connection once its request is sent, in process and forwarded', async () => {
    const body = new URLSearchParams({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'list' }).toString();
    const request = `POST /panel/api/ HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const halfClosed = (base: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const url = new URL(base);
        const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
    for (const base of [inProcess.url, forwarding.url]) {
      const answer = await halfClosed(base);
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
      expect(answer.endsWith(`\r\n\r\n${CREDS.panelUser}\n`)).toBe(true);
    }
  });

  it('serves each forwarded dialect’s OpenAPI document (the app’s own) and lists it in Swagger UI', async () => {
    for (const name of ['billing', 'panel', 'project', 'installer']) {
      const direct = await call(`${inProcess.url}/openapi/${name}.json`);
      const forwarded = await call(`${forwarding.url}/openapi/${name}.json`);
      expect({ status: forwarded.status, type: forwarded.headers.get('content-type') }).toEqual({ status: 200, type: 'application/json; charset=utf-8' });
      expect(JSON.parse(forwarded.body)).toEqual(JSON.parse(direct.body));
    }
    const page = await call(`${forwarding.url}/docs`);
    for (const name of ['gateway', 'billing', 'panel', 'project', 'installer']) expect(page.body).toContain(`"url":"/openapi/${name}.json"`);
  });

  it('hands out installer login links on the address the client called, not the upstream app’s', async () => {
    const key = { 'x-api-key': CREDS.installerKey, 'content-type': 'application/json' };
    const made = await call(`${forwarding.url}/installer/users`, { method: 'POST', headers: key, body: JSON.stringify({ id: 'linkuser', email: 'link@example.com' }) });
    expect(made.status).toBe(200);
    const link = async (base: string): Promise<string> => {
      const r = await call(`${base}/installer/users/linkuser/login`, { method: 'POST', headers: key, body: '{}' });
      return (JSON.parse(r.body) as { data: string }).data;
    };
    expect(await link(inProcess.url)).toMatch(new RegExp(`^${inProcess.url}/installer/sso/[0-9a-f]+$`));
    const forwarded = await link(forwarding.url);
    expect(forwarded).toMatch(new RegExp(`^${forwarding.url}/installer/sso/[0-9a-f]+$`));
    // And it works there: the gateway forwards it to the installer app, which spends the token.
    expect((await call(forwarded)).status).toBeLessThan(400);
  });

  it('answers a dialect whose upstream is down in that dialect’s own shape', async () => {
    await apps['installer'].stop();
    const r = await call(`${forwarding.url}/installer/users`, { headers: { 'x-api-key': CREDS.installerKey } });
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toMatchObject({ result: false, status: 503, errcode: 'failed_unavailable' });
  });
});

describe('forward mode: a slow upstream', () => {
  let silent: Server;
  let gw: TestGateway;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const { port } = silent.address() as { port: number };
    gw = await startTestGateway({ UPSTREAM_BILLING_URL: `http://127.0.0.1:${port}`, UPSTREAM_TIMEOUT_MS: '500' });
  });

  afterAll(async () => {
    await gw?.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('gets the dialect’s error after the timeout, never a hang', async () => {
    const r = await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey) }, signal: AbortSignal.timeout(10_000) });
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body)).toEqual({ message: 'The requested resource is currently unavailable due to maintenance.', response: null });
  });
});
