import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { AUTH, billingClient, wb } from './project-client';
import { call, startTestGateway, type TestGateway } from './test-gateway';

/** Every answer keeps the envelope: never a 500, never a stack trace. */
function expectEnvelope(body: string, code: number, message?: string): void {
  const parsed = JSON.parse(body) as { request: { code: number; message: string }; response: unknown };
  expect(parsed.request.code).toBe(code);
  if (message) expect(parsed.request.message).toBe(message);
  expect(parsed.response).toEqual({});
  expect(body).not.toMatch(/\bat \w+ \(|Error:|node_modules/);
}

/** A request with the path exactly as written (fetch would normalise dot segments). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('project (wbTeamPro) bad input: always the envelope', () => {
  let gw: TestGateway;
  let clientId: number;
  let projectId: number;
  const LIMIT = 1024;

  beforeAll(async () => {
    gw = await startTestGateway({ PROJECT_FILE_MAX_BYTES: String(LIMIT) });
    clientId = await billingClient(gw, 'bad');
    projectId = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Target' })).json.response['project']['project_id']);
  });
  afterAll(() => gw.close());

  it('malformed params JSON, params that are not an object, and a malformed JSON body', async () => {
    for (const params of ['{"project_name":', '[1,2]', '"text"', '42']) {
      const r = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}&params=${encodeURIComponent(params)}`, { method: 'POST' });
      expect(r.status).toBe(400);
      expectEnvelope(r.body, 400, 'Request Invalid or Bad Format');
    }
    const list = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}&params[0]=a`);
    expectEnvelope(list.body, 400, 'Request Invalid or Bad Format');
    for (const text of ['{"project_name": nope', '[{"project_name":"x"}]', '"x"']) {
      const body = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      expect(body.status).toBe(400);
      expectEnvelope(body.body, 400, 'Request Invalid or Bad Format');
    }
  });

  it('unknown resources, sub-resources and over-long chains', async () => {
    for (const chain of ['widgets', 'projects/1/widgets', 'projects/1/actions/2', 'api/nothing', 'config/x', 'topics/bythread/1', 'projects/bythread']) {
      const r = await call(`${gw.url}/project/api.php/v1/${chain}/json?${AUTH}`);
      expect([400, 404]).toContain(r.status);
      expectEnvelope(r.body, r.status);
    }
    const noChain = await call(`${gw.url}/project/api.php?${AUTH}`);
    expectEnvelope(noChain.body, 400, 'Request Invalid or Bad Format');
    const badAction = await call(`${gw.url}/project/api.php?action=projects.json&${AUTH}`);
    expectEnvelope(badAction.body, 400, 'Request Invalid or Bad Format');
  });

  it('wrong types: non-numeric ids, text for numbers, objects for text, impossible dates, bad paging and sorting', async () => {
    const cases: Array<[string, string, Record<string, unknown> | undefined, string]> = [
      ['GET', 'projects/abc', undefined, 'project_id'],
      ['GET', 'projects/-1', undefined, 'project_id'],
      ['GET', 'projects/1.5', undefined, 'project_id'],
      ['GET', 'actions/0', undefined, 'action_id'],
      ['GET', `projects/x1/actions`, undefined, 'project_id'],
      ['POST', 'projects', { client_userid: 'one', project_name: 'x' }, 'client_userid'],
      ['POST', 'projects', { client_userid: clientId, project_name: { nested: true } }, 'project_name'],
      ['POST', 'projects', { client_userid: clientId, project_name: ['a'] }, 'project_name'],
      ['POST', 'projects', { client_userid: clientId, project_name: 'x', date_start: '2026-02-30' }, 'date_start'],
      ['POST', 'projects', { client_userid: clientId, project_name: 'x', date_start: 'tomorrow' }, 'date_start'],
      ['POST', 'projects', { client_userid: clientId, project_name: 'x'.repeat(256) }, 'project_name'],
      ['POST', 'actions', { project_id: projectId, action_name: 'x', action_priority: 'high' }, 'action_priority'],
      ['POST', 'actions', { project_id: projectId, action_name: 'x', level_class: 'epic' }, 'level_class'],
      ['POST', 'timelogs', { project_id: projectId, timelog_duration: -5 }, 'timelog_duration'],
      ['POST', 'timelogs', { project_id: projectId, timelog_billable: 'maybe' }, 'timelog_billable'],
      ['GET', 'projects', { limit: 0 }, 'limit'],
      ['GET', 'projects', { limit: 100000 }, 'limit'],
      ['GET', 'projects', { page: 'two' }, 'page'],
      ['GET', 'projects', { offset: -1 }, 'offset'],
      ['GET', 'projects', { sort: 'password' }, 'sort'],
      ['GET', 'projects', { sort: 'project_name', order: 'sideways' }, 'order'],
      ['GET', 'projects', { client_userid: 'x' }, 'client_userid'],
      ['GET', 'actions', { date_start_from: '31/01/2026' }, 'date_start_from'],
    ];
    for (const [method, chain, params, field] of cases) {
      const r = await wb(gw, method, chain, params);
      expect([r.status, chain, field]).toEqual([400, chain, field]);
      expectEnvelope(r.body, 400, `The value provide for ${field} is invalid or not allowed.`);
    }
  });

  it('missing required fields', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['projects', { project_name: 'x' }],
      ['projects', { client_userid: clientId, project_name: '   ' }],
      ['actions', { action_name: 'x' }],
      ['actions', { project_id: projectId }],
      ['topics', { topic_name: 'x' }],
      ['files', { project_id: projectId }],
      ['ticketxrefs', { project_id: projectId }],
      ['ticketxrefs', { ticket_id: 1 }],
      ['timelogs', {}],
    ];
    for (const [chain, params] of cases) {
      const r = await wb(gw, 'POST', chain, params);
      expect([chain, r.status]).toEqual([chain, 400]);
      expectEnvelope(r.body, 400, 'The required data was not provided');
    }
    const put = await wb(gw, 'PUT', 'projects', { project_name: 'no id' });
    expectEnvelope(put.body, 400, 'The required data was not provided');
  });

  it('path tricks: in the chain, and in uploaded file names', async () => {
    for (const path of [`/project/api.php/v1/projects/../../admin/json?${AUTH}`, `/project/api.php/v1/projects/%2e%2e%2f%2e%2e/json?${AUTH}`, `/project/api.php/v1/projects/%E0%A4%A/json?${AUTH}`, `/project/api.php/v1/files/1%2fdownload/json?${AUTH}`]) {
      const r = await rawGet(gw.url, path);
      expect(r.status).toBeLessThan(500);
      expectEnvelope(r.body, r.status);
    }
    const names: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\windows\\win.ini', 'win.ini'],
      ['/abs/path/evil.sh', 'evil.sh'],
      ['..', 'file'],
      ['.hidden', 'hidden'],
    ];
    for (const [given, stored] of names) {
      const fd = new FormData();
      fd.append('params', JSON.stringify({ project_id: projectId }));
      fd.append('file', new Blob([Buffer.from('x')]), given);
      const up = await call(`${gw.url}/project/api.php/v1/files/json?${AUTH}`, { method: 'POST', body: fd });
      const file = (JSON.parse(up.body) as { response: { file: { file_id: number; file_name: string } } }).response.file;
      expect([given, file.file_name]).toEqual([given, stored]);
      const down = await call(`${gw.url}/project/api.php/v1/files/${file.file_id}/download/json?${AUTH}`);
      expect(down.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"/\\\r\n]*"; filename\*=UTF-8''[^\s"]*$/);
    }
    const b64 = await wb(gw, 'POST', 'files', { project_id: projectId, file_name: '../../../../tmp/owned', file_data: Buffer.from('y').toString('base64') });
    expect(b64.json.response['file']).toMatchObject({ file_name: 'owned' });
    // Multipart clients percent-encode CR, LF and quotes in a part's file name; params carry them raw.
    const control = await wb(gw, 'POST', 'files', { project_id: projectId, file_name: 'a\u0000b\r\nc".txt', file_data: Buffer.from('z').toString('base64') });
    expect(control.json.response['file']).toMatchObject({ file_name: 'a_b__c_.txt' });
    // Bytes live only under generated keys in the storage directory, never under a client's name.
    const storage = join(gw.db.settings.dataDir, 'project-files');
    const stored = readdirSync(storage, { recursive: true }).map(String);
    expect(stored.length).toBeGreaterThan(0);
    for (const p of stored) expect(p).toMatch(/^[a-f0-9]{2}(\/[a-f0-9]{32})?$/);
  });

  it('uploads over the size limit, multipart and base64, leave nothing behind', async () => {
    const before = (await wb(gw, 'GET', 'files', { project_id: projectId })).json.response.data?.total;
    const fd = new FormData();
    fd.append('params', JSON.stringify({ project_id: projectId }));
    fd.append('file', new Blob([Buffer.alloc(LIMIT + 1, 1)]), 'big.bin');
    const multi = await call(`${gw.url}/project/api.php/v1/files/json?${AUTH}`, { method: 'POST', body: fd });
    expect(multi.status).toBe(413);
    expectEnvelope(multi.body, 413, 'The value provide for file is invalid or not allowed.');
    const b64 = await wb(gw, 'POST', 'files', { project_id: projectId, file_name: 'big.bin', file_data: Buffer.alloc(LIMIT + 10, 1).toString('base64') });
    expect(b64.status).toBe(413);
    const notB64 = await wb(gw, 'POST', 'files', { project_id: projectId, file_name: 'x', file_data: '***' });
    expectEnvelope(notB64.body, 400, 'The value provide for file_data is invalid or not allowed.');
    const exact = await wb(gw, 'POST', 'files', { project_id: projectId, file_name: 'edge.bin', file_data: Buffer.alloc(LIMIT, 1).toString('base64') });
    expect(exact.json.response['file']).toMatchObject({ file_size: LIMIT });
    expect((await wb(gw, 'GET', 'files', { project_id: projectId })).json.response.data?.total).toBe((before ?? 0) + 1);
    const huge = await call(`${gw.url}/project/api.php/v1/files/json?${AUTH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `params=${'a'.repeat(9 * 1024 * 1024)}` });
    expect(huge.status).toBe(413);
    expectEnvelope(huge.body, 413, 'Request Invalid or Bad Format');
  });

  it('escapes XML special characters in every field of an XML response', async () => {
    const nasty = `<b>&amp; "quoted" 'single' ]]> </b>`;
    const created = await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: nasty, project_type: '<&>', project_status: `"'`, project_description: `line1\r\nline2 <![CDATA[x]]> &#x41;` });
    const id = Number(created.json.response['project']['project_id']);
    await wb(gw, 'POST', 'actions', { project_id: id, action_name: nasty, action_notes: '</action><injected/>' });
    const r = await call(`${gw.url}/project/api.php/v1/projects/${id}/actions/xml?${AUTH}`);
    expect(r.status).toBe(200);
    expect(r.body).not.toContain('<injected/>');
    expect(r.body).not.toContain('<b>');
    const x = new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true }).parse(r.body) as { wbteampro: { response: { project: Record<string, string>; actions: { action: Record<string, string> } } } };
    const j = JSON.parse((await call(`${gw.url}/project/api.php/v1/projects/${id}/actions/json?${AUTH}`)).body) as { response: { project: Record<string, unknown>; actions: Array<Record<string, unknown>> } };
    for (const [k, v] of Object.entries(j.response.project)) expect([k, x.wbteampro.response.project[k]]).toEqual([k, v === null ? '' : String(v)]);
    for (const [k, v] of Object.entries(j.response.actions[0])) expect([k, x.wbteampro.response.actions.action[k]]).toEqual([k, v === null ? '' : String(v)]);
  });
});
