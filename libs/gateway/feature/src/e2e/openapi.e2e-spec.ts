import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClient, type GeneratedResult, loadClient } from './generated-client';
import { WORKSPACE } from './processes';
import { call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

const DOCS = ['billing', 'panel', 'project', 'installer', 'gateway'];

describe('OpenAPI documents', () => {
  let gw: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    dir = mkdtempSync(join(tmpdir(), 'hostgate-openapi-'));
    for (const name of DOCS) writeFileSync(join(dir, `${name}.json`), (await call(`${gw.url}/openapi/${name}.json`)).body);
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pass Redocly lint with the recommended rules: no errors, no warnings', () => {
    const cli = join(WORKSPACE, 'node_modules/@redocly/cli/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, 'lint', '--config', join(WORKSPACE, 'redocly.yaml'), '--format', 'summary', ...DOCS.map((d) => join(dir, `${d}.json`))], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    const problems = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => /^\s*(error|warning)\s/.test(l));
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('pass Spectral’s OpenAPI ruleset with no errors and no warnings', () => {
    const ruleset = join(dir, '.spectral.json');
    writeFileSync(ruleset, JSON.stringify({ extends: [['spectral:oas', 'recommended']] }));
    const cli = join(WORKSPACE, 'node_modules/@stoplight/spectral-cli/dist/index.js');
    const run = spawnSync(process.execPath, [cli, 'lint', '--ruleset', ruleset, '--format', 'text', '--fail-severity', 'warn', ...DOCS.map((d) => join(dir, `${d}.json`))], { encoding: 'utf8' });
    const problems = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => /\s(error|warning)\s/.test(l));
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  it('generate a working client: the admin API SDK creates, lists and revokes a credential', async () => {
    type Ops = {
      createCredential(o: { body: { kind: string; identifier: string } }): Promise<GeneratedResult<{ credential: { id: number }; secret: string }>>;
      listCredentials(o?: { query?: { kind?: string } }): Promise<GeneratedResult<Array<{ id: number; identifier: string; revokedAt: string | null }>>>;
      revokeCredential(o: { path: { id: number } }): Promise<GeneratedResult>;
    };
    const generated = generateClient('gateway', JSON.parse((await call(`${gw.url}/openapi/gateway.json`)).body));
    try {
      const { sdk, client } = await loadClient<Ops>(generated);
      client.setConfig({ baseUrl: gw.url, headers: { authorization: `Bearer ${CREDS.adminToken}` } });
      const created = await sdk.createCredential({ body: { kind: 'installer_key', identifier: 'sdk-made' } });
      expect(created.response.status).toBe(201);
      expect(created.data?.secret).toEqual(expect.any(String));
      const listed = await sdk.listCredentials({ query: { kind: 'installer_key' } });
      expect(listed.data?.map((c) => c.identifier)).toContain('sdk-made');
      const id = created.data?.credential.id ?? -1;
      expect((await sdk.revokeCredential({ path: { id } })).response.status).toBe(200);
      const after = (await sdk.listCredentials({ query: { kind: 'installer_key' } })).data?.find((c) => c.id === id);
      expect(after?.revokedAt).toEqual(expect.any(String));
    } finally {
      generated.dispose();
    }
    // Generating and compiling a client takes seconds on a busy machine.
  }, 60_000);

  it('describe each dialect’s auth scheme where OpenAPI can express it', async () => {
    const installer = JSON.parse((await call(`${gw.url}/openapi/installer.json`)).body) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, unknown> };
    expect(installer.components.securitySchemes['installatron']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }));
    expect(Object.keys(installer.paths)).toContain('/installer/users');
    const project = JSON.parse((await call(`${gw.url}/openapi/project.json`)).body) as { paths: Record<string, unknown> };
    expect(Object.keys(project.paths)).toContain('/project/api.php/v1/api/resources/{format}');
  });
});
