import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateClient, type GeneratedResult, loadClient } from './generated-client';
import { call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

type Doc = { paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> };

describe('installer: /openapi/installer.json', () => {
  let gw: TestGateway;
  let doc: Doc;

  beforeAll(async () => {
    gw = await startTestGateway();
    doc = JSON.parse((await call(`${gw.url}/openapi/installer.json`)).body) as Doc;
  });
  afterAll(() => gw.close());

  it('documents every endpoint, and every documented endpoint exists with that method', async () => {
    const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    for (const expected of [
      'GET /installer/browser',
      'GET /installer/browser/{id}',
      'POST /installer/browser/{id}/install',
      'GET /installer/installs',
      'GET /installer/installs/{id}',
      'POST /installer/installs/{id}',
      'DELETE /installer/installs/{id}',
      'POST /installer/installs/{id}/update',
      'POST /installer/installs/{id}/backup',
      'POST /installer/installs/{id}/restore',
      'POST /installer/installs/{id}/login',
      'GET /installer/backups',
      'GET /installer/backups/{id}',
      'DELETE /installer/backups/{id}',
      'GET /installer/users',
      'POST /installer/users',
      'GET /installer/users/{id}',
      'POST /installer/users/{id}',
      'DELETE /installer/users/{id}',
      'POST /installer/users/{id}/login',
      'GET /installer/tasks',
      'GET /installer/tasks/{id}',
    ]) {
      expect(ops).toContain(expected);
    }
    for (const op of ops) {
      const [method, path] = op.split(' ');
      const r = await call(`${gw.url}${path.replace(/\{id\}/g, 'zz-none')}`, { method, headers: { 'x-api-key': CREDS.installerKey, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      const body = JSON.parse(r.body) as { errcode: string | null; status: number };
      expect({ op, errcode: body.errcode }).not.toEqual({ op, errcode: 'invalid_command' });
      expect({ op, status: r.status }).not.toEqual({ op, status: 405 });
      // Whatever it answered is a status the document lists for the operation.
      const [m, p] = [method.toLowerCase(), path];
      expect({ op, documented: Object.keys(doc.paths[p][m].responses).includes(String(r.status)) }).toEqual({ op, documented: true });
    }
  });

  it('generates a client that creates a user and installs an application', async () => {
    type Ops = {
      createUser(o: { body: { id: string; email?: string; websites?: Array<{ label: string }> } }): Promise<GeneratedResult<{ result: boolean; data: { id: string } }>>;
      installApplication(o: { path: { id: string }; body: Record<string, unknown> }): Promise<GeneratedResult<{ result: boolean; data: { id: string; path: string; status: string } }>>;
      listInstalls(o: { query: { user: string } }): Promise<GeneratedResult<{ data: Array<{ id: string }>; total_count: number }>>;
      getApplication(o: { path: { id: string } }): Promise<GeneratedResult<{ data: { versions: unknown[] } }>>;
    };
    const generated = generateClient('installer', doc);
    try {
      const { sdk, client } = await loadClient<Ops>(generated);
      client.setConfig({ baseUrl: gw.url, headers: { 'x-api-key': CREDS.installerKey } });
      const user = await sdk.createUser({ body: { id: 'sdkuser', email: 'sdk@example.com', websites: [{ label: 'sdk.example' }] } });
      expect(user.response.status).toBe(200);
      expect(user.data?.data.id).toBe('sdkuser');
      expect((await sdk.getApplication({ path: { id: 'nextcloud' } })).data?.data.versions.length).toBeGreaterThan(1);
      const installed = await sdk.installApplication({ path: { id: 'nextcloud' }, body: { user: 'sdkuser', url: 'https://sdk.example/cloud', login: 'admin', passwd: 'password123', email: 'sdk@example.com' } });
      expect(installed.response.status).toBe(200);
      expect(installed.data?.data.status).toBe('installed');
      expect(existsSync(join(installed.data?.data.path ?? '', 'config', 'config.php'))).toBe(true);
      const listed = await sdk.listInstalls({ query: { user: 'sdkuser' } });
      expect(listed.data?.total_count).toBe(1);
      expect(listed.data?.data[0].id).toBe(installed.data?.data.id);
      const refused = await sdk.installApplication({ path: { id: 'nextcloud' }, body: { user: 'sdkuser', url: 'https://sdk.example/cloud', login: 'admin', passwd: 'password123', email: 'sdk@example.com' } });
      expect(refused.response.status).toBe(400);
      expect(refused.error).toMatchObject({ result: false, errcode: 'invalid_argument_url_alreadyexists' });
    } finally {
      generated.dispose();
    }
    // Generating and compiling the SDK takes seconds of its own on a busy machine.
  }, 60_000);
});
