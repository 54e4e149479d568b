import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { basic, call, CREDS, form, md5, startTestGateway, type TestGateway } from './test-gateway';

function httpsPost(url: string, ca: Buffer, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('structured logs and the dedicated panel listener', () => {
  let gw: TestGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ LOG_LEVEL: 'info', PANEL_LISTEN_PORT: '0' }, undefined, { write: (l) => lines.push(l) });
  });
  afterAll(() => gw.close());

  it('serves the panel at the root of its own TLS port, with a certificate generated into DATA_DIR', async () => {
    const ca = readFileSync(join(gw.db.settings.dataDir, 'tls', 'panel.crt'));
    const body = new URLSearchParams({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users', arg1: 'list' }).toString();
    // Verified against the generated certificate read from DATA_DIR: the handshake fails otherwise.
    const r = await httpsPost(`${gw.panelUrl}/api/`, ca, body);
    expect(r).toEqual({ status: 200, body: `${CREDS.panelUser}\n` });
    const coded = await httpsPost(`${gw.panelUrl}/api/index.php`, ca, new URLSearchParams({ user: CREDS.panelUser, password: 'bad', cmd: 'v-list-users', returncode: 'yes' }).toString());
    expect(coded.body).toBe('9');
  });

  it('logs every request as JSON with its request id, and never a secret', async () => {
    await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { authorization: basic(CREDS.billingUser, CREDS.billingKey), 'x-request-id': 'trace-me-1' } });
    await call(`${gw.url}/billing/api/users/get.json?user_id=1`, { headers: { 'BLESTA-API-USER': CREDS.billingUser, 'BLESTA-API-KEY': CREDS.billingKey } });
    await call(`${gw.url}/panel/api/`, form({ user: CREDS.panelUser, password: CREDS.panelPassword, cmd: 'v-list-users' }));
    await call(`${gw.url}/project/api.php/v1/api/resources/json?username=${CREDS.projectUser}&password=${md5(CREDS.projectPassword)}`);
    await call(`${gw.url}/installer/users`, { headers: { 'x-api-key': CREDS.installerKey } });
    await call(`${gw.url}/admin/credentials`, { headers: { authorization: `Bearer ${CREDS.adminToken}` } });
    const text = lines.join('');
    for (const secret of [CREDS.billingKey, CREDS.panelPassword, md5(CREDS.projectPassword), CREDS.installerKey, CREDS.adminToken, Buffer.from(`${CREDS.billingUser}:${CREDS.billingKey}`).toString('base64')]) {
      expect(text).not.toContain(secret);
    }
    const traced = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['reqId'] === 'trace-me-1');
    expect(traced.length).toBeGreaterThanOrEqual(2);
    expect(traced.some((l) => (l['res'] as { statusCode?: number } | undefined)?.statusCode === 200)).toBe(true);
  });
});
