import { createTestDatabase, type TestDatabase } from '@hostgate/shared/persistence';
import { AUTH, billingClient, wb } from './project-client';
import { type AppProcess, startApp } from './processes';
import { call, type Reply, startTestGateway, testEnv, type TestGateway } from './test-gateway';

jest.setTimeout(120_000);

const comparable = (r: Reply) => ({ status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), body: r.body });

describe('project (wbTeamPro) in its own process behind the gateway', () => {
  let db: TestDatabase;
  let app: AppProcess;
  let inProcess: TestGateway;
  let forwarding: TestGateway;
  let projectId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    inProcess = await startTestGateway({}, db);
    app = await startApp('project', testEnv(db));
    forwarding = await startTestGateway({ UPSTREAM_PROJECT_URL: app.url }, db);
    const clientId = await billingClient(inProcess, 'fwd');
    projectId = Number((await wb(inProcess, 'POST', 'projects', { client_userid: clientId, project_name: 'Forwarded <&>' })).json.response['project']['project_id']);
    await wb(inProcess, 'POST', 'actions', { project_id: projectId, action_name: 'Task' });
  });

  afterAll(async () => {
    await forwarding?.close();
    await inProcess?.close();
    await app?.stop();
    await db?.dispose();
  });

  it.each([
    ['get project', () => `/project/api.php/v1/projects/${projectId}/json?${AUTH}`],
    ['combined project + actions, xml', () => `/project/modules/addons/wbteampro/api/v1/projects/${projectId}/actions/xml?${AUTH}`],
    ['action parameter form', () => `/project/api.php?action=v1.projects.${projectId}.timelogs.json&${AUTH}`],
    ['not found', () => `/project/api.php/v1/projects/424242/json?${AUTH}`],
    ['bad id', () => `/project/api.php/v1/projects/abc/json?${AUTH}`],
    ['malformed params', () => `/project/api.php/v1/projects/json?${AUTH}&params=%7B`],
  ])('%s answers byte for byte as in process', async (_name, path) => {
    const init = { headers: { 'x-request-id': 'same-id' } };
    expect(comparable(await call(`${forwarding.url}${path()}`, init))).toEqual(comparable(await call(`${inProcess.url}${path()}`, init)));
  });

  it('carries a binary multipart upload and its download through the forwarder intact', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const fd = new FormData();
    fd.append('params', JSON.stringify({ project_id: projectId }));
    fd.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'all-bytes.bin');
    const up = await call(`${forwarding.url}/project/api.php/v1/files/json?${AUTH}`, { method: 'POST', body: fd });
    expect(up.status).toBe(200);
    const file = (JSON.parse(up.body) as { response: { file: { file_id: number; file_size: number } } }).response.file;
    expect(file.file_size).toBe(256);
    for (const base of [forwarding.url, inProcess.url]) {
      const down = await fetch(`${base}/project/api.php/v1/files/${file.file_id}/download/json?${AUTH}`);
      expect(Buffer.from(await down.arrayBuffer())).toEqual(bytes);
    }
  });
});
