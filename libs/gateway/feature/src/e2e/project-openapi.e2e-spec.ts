import { generateClient, type GeneratedResult, loadClient } from './generated-client';
import { billingClient, PM } from './project-client';
import { call, startTestGateway, type TestGateway } from './test-gateway';

type Envelope<K extends string> = { request: { code: number; message: string }; response: { data: { total: number } } & Record<K, Record<string, unknown>> };

describe('project (wbTeamPro) OpenAPI document', () => {
  let gw: TestGateway;
  let doc: { paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string }> }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

  beforeAll(async () => {
    gw = await startTestGateway();
    doc = JSON.parse((await call(`${gw.url}/openapi/project.json`)).body) as typeof doc;
  });
  afterAll(() => gw.close());

  it('documents every action of the reference on the clean-URL form, with its fields', async () => {
    const resources = JSON.parse((await call(`${gw.url}/project/api.php/v1/api/resources/json?username=${PM.username}&password=${PM.password}`)).body) as { response: { resources: Array<{ method: string; resource: string }> } };
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect([...operations].sort()).toEqual(resources.response.resources.map((r) => r.method).sort());
    expect(doc.paths['/project/api.php/v1/projects/{project_id}/actions/{format}']['get'].operationId).toBe('getProjectActions');
    expect(doc.paths['/project/api.php/v1/files/{file_id}/download/{format}']['get'].operationId).toBe('downloadFile');
    expect(Object.keys(doc.components.schemas['Action'].properties ?? {})).toEqual(expect.arrayContaining(['action_id', 'action_name', 'action_priority', 'assigned_adminid', 'parent_id', 'date_start', 'date_finish']));
    expect(Object.keys(doc.components.schemas['Project'].properties ?? {})).toEqual(expect.arrayContaining(['project_id', 'project_name', 'project_status', 'client_userid', 'date_created']));
    const find = doc.paths['/project/api.php/v1/actions/{format}']['get'].parameters?.map((p) => p.name);
    expect(find).toEqual(expect.arrayContaining(['project_id', 'action_status', 'assigned_adminid', 'client_userid', 'date_start_from', 'date_start_to', 'sort', 'order', 'limit', 'offset', 'page', 'params']));
  });

  it('generates a client that creates a project and an action', async () => {
    type Ops = {
      createProject(o: { path: { format: 'json' }; query: Record<string, string>; body: Record<string, unknown> }): Promise<GeneratedResult<Envelope<'project'>>>;
      createAction(o: { path: { format: 'json' }; query: Record<string, string>; body: Record<string, unknown> }): Promise<GeneratedResult<Envelope<'action'>>>;
      getProjectActions(o: { path: { project_id: number; format: 'json' }; query: Record<string, string> }): Promise<GeneratedResult<Envelope<'project'> & { response: { actions: Array<Record<string, unknown>> } }>>;
    };
    const clientId = await billingClient(gw, 'sdk');
    const generated = generateClient('project', doc);
    try {
      const { sdk, client } = await loadClient<Ops>(generated);
      // The generator's fetch client adds query-located API keys to the call's own query object, so
      // each call passes one (possibly empty); the credentials are then sent as username/password.
      client.setConfig({ baseUrl: gw.url, auth: (scheme: { name?: string }) => (scheme.name === 'username' ? PM.username : PM.password) } as Parameters<typeof client.setConfig>[0]);
      const project = await sdk.createProject({ path: { format: 'json' }, query: {}, body: { client_userid: clientId, project_name: 'From the SDK' } });
      expect(project.response.status).toBe(200);
      expect(project.data?.request).toMatchObject({ code: 200, message: 'Success' });
      const projectId = Number(project.data?.response.project['project_id']);
      expect(projectId).toBeGreaterThan(0);
      const action = await sdk.createAction({ path: { format: 'json' }, query: {}, body: { project_id: projectId, action_name: 'First task', action_priority: 3 } });
      expect(action.data?.response.action).toMatchObject({ project_id: projectId, action_name: 'First task', action_priority: 3 });
      const both = await sdk.getProjectActions({ path: { project_id: projectId, format: 'json' }, query: {} });
      expect(both.data?.response.project).toMatchObject({ project_name: 'From the SDK' });
      expect(both.data?.response.actions.map((a) => a['action_name'])).toEqual(['First task']);
    } finally {
      generated.dispose();
    }
    // Generating and compiling a client takes seconds on a busy machine.
  }, 60_000);
});
