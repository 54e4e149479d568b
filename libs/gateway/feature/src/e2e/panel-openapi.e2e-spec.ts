import { CommandTable } from '@hostgate/panel';
import { generateClient, type GeneratedResult, loadClient } from './generated-client';
import { CREDS, call, startTestGateway, type TestGateway } from './test-gateway';

interface Operation {
  operationId: string;
  security: unknown[];
  requestBody: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { description: string; headers?: Record<string, { required?: boolean }>; content?: Record<string, unknown> }>;
}
interface PanelDoc {
  paths: Record<string, { post?: Operation }>;
  components: { schemas: { PanelRequest: { required: string[]; properties: Record<string, { enum?: string[]; description?: string }> } } };
}

/** /openapi/panel.json: built from the command table and Hestia's exit-code map (its lint is in openapi.e2e-spec.ts). */
describe('panel OpenAPI document', () => {
  let gw: TestGateway;
  let doc: PanelDoc;

  beforeAll(async () => {
    gw = await startTestGateway();
    doc = JSON.parse((await call(`${gw.url}/openapi/panel.json`)).body) as PanelDoc;
  });
  afterAll(() => gw.close());

  it('documents POST /panel/api and /panel/api/index.php with form, multipart and JSON bodies', () => {
    for (const path of ['/panel/api', '/panel/api/index.php']) {
      const op = doc.paths[path]?.post;
      expect(op).toBeDefined();
      expect(Object.keys(op?.requestBody.content ?? {}).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
      for (const media of Object.values(op?.requestBody.content ?? {})) expect(media.schema.$ref).toBe('#/components/schemas/PanelRequest');
    }
  });

  it('builds the cmd enum from the command table, each command with its arguments from its options line', () => {
    const request = doc.components.schemas.PanelRequest;
    const table = gw.app.get(CommandTable, { strict: false });
    expect(request.properties['cmd'].enum).toEqual(table.names());
    expect(request.properties['cmd'].enum).toEqual(expect.arrayContaining(['v-add-user', 'v-list-user', 'v-add-letsencrypt-domain', 'v-make-tmp-file']));
    const description = request.properties['cmd'].description ?? '';
    for (const command of table.all()) expect(description).toContain(`\`${command.name}\``);
    expect(description).toContain('- `v-add-user` USER PASSWORD EMAIL [PACKAGE] [NAME]: arg1 USER: user name; arg2 PASSWORD:');
    expect(description).toContain('arg4 PACKAGE (optional): hosting package name');
    expect(description).toContain('- `v-generate-api-key`: no arguments.');
    // The auth fields of every mode, the output switch and all thirteen arguments.
    for (const field of ['user', 'password', 'hash', 'access_key', 'secret_key', 'returncode', ...Array.from({ length: 13 }, (_, i) => `arg${i + 1}`)]) {
      expect([field, request.properties[field]?.description]).toEqual([field, expect.any(String)]);
    }
    expect(request.properties['arg14']).toBeUndefined();
  });

  it("lists every status Hestia's exit-code map can produce, with the Hestia-Exit-Code header, plus 204 and 405", () => {
    const responses = doc.paths['/panel/api']?.post?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', '204', '400', '401', '405', '422']);
    expect(responses['204'].headers?.['Hestia-Exit-Code']?.required).toBe(true);
    expect(responses['401'].description).toContain('21 E_API_DISABLED');
    expect(responses['422'].description).toContain('2 E_INVALID');
    expect(responses['400'].description).toContain('8 E_LIMIT');
    expect(Object.keys(responses['200'].content ?? {}).sort()).toEqual(['application/json', 'text/plain']);
  });

  it('generates a working client: v-add-user, then v-list-user json, through the generated SDK (legacy and access-key modes)', async () => {
    type Body = Record<string, string>;
    type Ops = { callApi(o: { body: Body; bodySerializer?: unknown; headers?: Record<string, string> }): Promise<GeneratedResult<unknown>> };
    const generated = generateClient('panel', doc);
    try {
      const { sdk, client } = await loadClient<Ops>(generated);
      client.setConfig({ baseUrl: gw.url });
      const admin = { user: CREDS.panelUser, password: CREDS.panelPassword };
      const added = await sdk.callApi({ body: { ...admin, returncode: 'yes', cmd: 'v-add-user', arg1: 'sdkuser', arg2: 'Passw0rd!', arg3: 'sdk@example.com', arg4: 'default', arg5: 'Sdk', arg6: 'User' } });
      expect(added.response.status).toBe(200);
      expect(await textOf(added)).toBe('0');
      const listed = await sdk.callApi({ body: { ...admin, cmd: 'v-list-user', arg1: 'sdkuser', arg2: 'json' } });
      expect(listed.response.status).toBe(200);
      const data = JSON.parse(await textOf(listed)) as Record<string, Record<string, string>>;
      expect(data['sdkuser']).toMatchObject({ NAME: 'Sdk User', PACKAGE: 'default', CONTACT: 'sdk@example.com' });

      // Access-key mode through the same SDK: JSON output comes back as application/json.
      const key = await sdk.callApi({ body: { ...admin, cmd: 'v-add-access-key', arg1: CREDS.panelUser, arg2: '', arg3: 'sdk', arg4: 'plain' } });
      const [accessKey, secretKey] = (await textOf(key)).trim().split(':');
      const keyed = await sdk.callApi({ body: { access_key: accessKey, secret_key: secretKey, cmd: 'v-list-user', arg1: 'sdkuser', arg2: 'json' } });
      expect([keyed.response.status, keyed.response.headers.get('hestia-exit-code'), keyed.response.headers.get('content-type')]).toEqual([200, '0', 'application/json; charset=utf-8']);
      expect((keyed.data as Record<string, Record<string, string>>)['sdkuser']['NAME']).toBe('Sdk User');
      const none = await sdk.callApi({ body: { access_key: accessKey, secret_key: secretKey, cmd: 'v-suspend-user', arg1: 'sdkuser' } });
      expect([none.response.status, none.response.headers.get('hestia-exit-code')]).toEqual([204, '0']);
    } finally {
      generated.dispose();
    }
  });
});

/** The SDK parses text/plain as text and JSON as an object; either way the body Hestia sent. */
async function textOf(result: GeneratedResult<unknown>): Promise<string> {
  if (typeof result.data === 'string') return result.data;
  if (result.data !== undefined) return JSON.stringify(result.data);
  return result.response.bodyUsed ? '' : await result.response.text();
}
