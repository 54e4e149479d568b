import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE } from './processes';
import { call, startTestGateway, type TestGateway } from './test-gateway';

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

  it('describe each dialect’s auth scheme where OpenAPI can express it', async () => {
    const installer = JSON.parse((await call(`${gw.url}/openapi/installer.json`)).body) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, unknown> };
    expect(installer.components.securitySchemes['installatron']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }));
    expect(Object.keys(installer.paths)).toContain('/installer/users');
    const project = JSON.parse((await call(`${gw.url}/openapi/project.json`)).body) as { paths: Record<string, unknown> };
    expect(Object.keys(project.paths)).toContain('/project/api.php/v1/api/resources/{format}');
  });
});
