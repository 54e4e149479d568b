import { XMLParser } from 'fast-xml-parser';
import { SettingsService } from '@hostgate/domain';
import { CredentialService } from '@hostgate/shared/auth';
import { AUTH, billingClient, PM, wb } from './project-client';
import { call, md5, startTestGateway, type TestGateway } from './test-gateway';

describe('project (wbTeamPro) protocol: URL forms, credentials, methods, params, envelope, paging, switches', () => {
  let gw: TestGateway;
  let clientId: number;
  let projectId: number;

  beforeAll(async () => {
    gw = await startTestGateway();
    clientId = await billingClient(gw, 'proto');
    const created = await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Website' });
    projectId = Number(created.json.response['project']['project_id']);
  });
  afterAll(() => gw.close());

  it('answers the seed envelope exactly for a record', async () => {
    const r = await call(`${gw.url}/project/api.php/v1/projects/${projectId}/json?${AUTH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(r.body) as { request: unknown; response: Record<string, unknown> };
    expect(body.request).toEqual({ action: `projects/${projectId}`, method: 'GET', format: 'json', code: 200, message: 'Success' });
    expect(Object.keys(body.response)).toEqual(['data', 'project']);
    expect(body.response['data']).toEqual({ total: 1, page: 1, pages: 1, limit: 1, offset: 0, filters: { project_id: projectId } });
    expect(body.response['project']).toMatchObject({ project_id: projectId, client_userid: clientId, project_name: 'Website', project_status: 'active' });
  });

  it('serves the same answer on every URL form, under /project and under the product path', async () => {
    const forms = [
      `/project/api.php/v1/projects/${projectId}/json?${AUTH}`,
      `/project/api/v1/projects/${projectId}/json?${AUTH}`,
      `/project/api.php?action=v1.projects.${projectId}.json&${AUTH}`,
      `/project/modules/addons/wbteampro/api.php/v1/projects/${projectId}/json?${AUTH}`,
      `/project/modules/addons/wbteampro/api/v1/projects/${projectId}/json?${AUTH}`,
      `/project/modules/addons/wbteampro/api.php?action=v1.projects.${projectId}.json&${AUTH}`,
    ];
    const bodies = await Promise.all(forms.map(async (f) => (await call(`${gw.url}${f}`)).body));
    for (const b of bodies) expect(JSON.parse(b)).toEqual(JSON.parse(bodies[0]));
    expect((JSON.parse(bodies[0]) as { request: { code: number } }).request.code).toBe(200);
  });

  it('reads credentials from the query, a form body or a JSON body', async () => {
    const url = `${gw.url}/project/api.php/v1/projects/${projectId}/json`;
    const formBody = await call(`${url}?method=get`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=${PM.username}&password=${PM.password}` });
    expect(JSON.parse(formBody.body)).toMatchObject({ request: { code: 200, method: 'GET' } });
    const jsonBody = await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...PM, method: 'get' }) });
    expect(JSON.parse(jsonBody.body)).toMatchObject({ request: { code: 200, method: 'GET' }, response: { project: { project_id: projectId } } });
    const wrong = await call(`${url}?username=${PM.username}&password=${md5('nope')}`);
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual({ request: { action: `projects/${projectId}`, method: 'GET', format: 'json', code: 403, message: 'Permission Denied' }, response: {} });
  });

  it('refuses a password that is not the 32-hex MD5 (the plain password included)', async () => {
    for (const pw of ['project-Passw0rd', 'xyz', '']) {
      const r = await call(`${gw.url}/project/api.php/v1/projects/json?username=${PM.username}&password=${encodeURIComponent(pw)}`);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ request: { code: 403, message: 'Permission Denied' }, response: {} });
    }
  });

  it('takes the operation from the method parameter: method=put on a POST updates', async () => {
    const r = await call(`${gw.url}/project/api.php?action=v1.projects.${projectId}.json&${AUTH}&method=put&params=${encodeURIComponent(JSON.stringify({ project_status: 'onhold' }))}`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ request: { method: 'PUT', code: 200 }, response: { project: { project_status: 'onhold' } } });
    expect((await wb(gw, 'GET', `projects/${projectId}`)).json.response['project']['project_status']).toBe('onhold');
  });

  it('reads params as a JSON string or an array form, merged with the query; a POST with an empty body works', async () => {
    const arrayForm = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}&params[client_userid]=${clientId}&params[project_name]=Array%20form`, { method: 'POST' });
    expect(JSON.parse(arrayForm.body)).toMatchObject({ request: { method: 'POST', code: 200 }, response: { project: { project_name: 'Array form', client_userid: clientId } } });
    const merged = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}&client_userid=${clientId}&params=${encodeURIComponent('{"project_name":"Merged"}')}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(JSON.parse(merged.body)).toMatchObject({ response: { project: { project_name: 'Merged', client_userid: clientId } } });
    const bodyParams = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `params[client_userid]=${clientId}&params[project_name]=Body` });
    expect(JSON.parse(bodyParams.body)).toMatchObject({ response: { project: { project_name: 'Body' } } });
    const jsonParams = await call(`${gw.url}/project/api.php/v1/projects/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...PM, params: { client_userid: clientId, project_name: 'JSON body' } }) });
    expect(JSON.parse(jsonParams.body)).toMatchObject({ response: { project: { project_name: 'JSON body' } } });
  });

  it('answers the same content as XML when the chain ends in xml', async () => {
    const j = JSON.parse((await call(`${gw.url}/project/api.php/v1/projects/${projectId}/json?${AUTH}`)).body) as { response: { project: Record<string, unknown> } };
    const r = await call(`${gw.url}/project/api.php/v1/projects/${projectId}/xml?${AUTH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
    const x = new XMLParser({ parseTagValue: false }).parse(r.body) as { wbteampro: { request: Record<string, string>; response: { project: Record<string, string> } } };
    expect(x.wbteampro.request).toEqual({ action: `projects/${projectId}`, method: 'GET', format: 'xml', code: '200', message: 'Success' });
    for (const [k, v] of Object.entries(j.response.project)) expect(x.wbteampro.response.project[k]).toBe(v === null ? '' : String(v));
    const list = await call(`${gw.url}/project/api/v1/projects/xml?${AUTH}`);
    expect(list.body).toContain('<projects>\n');
    expect(list.body).toContain('<project>\n');
  });

  it('pages lists with limit, offset and page, and the data block tells the truth', async () => {
    const all = await wb<{ projects: Array<{ project_id: number }> }>(gw, 'GET', 'projects', { client_userid: clientId, limit: 500 });
    const total = all.json.response.projects.length;
    expect(total).toBeGreaterThanOrEqual(5);
    expect(all.json.response.data).toEqual({ total, page: 1, pages: 1, limit: 500, offset: 0, filters: { client_userid: clientId } });
    const p2 = await wb<{ projects: Array<{ project_id: number }> }>(gw, 'GET', 'projects', { client_userid: clientId, limit: 2, page: 2 });
    expect(p2.json.response.data).toEqual({ total, page: 2, pages: Math.ceil(total / 2), limit: 2, offset: 2, filters: { client_userid: clientId } });
    expect(p2.json.response.projects.map((p) => p.project_id)).toEqual(all.json.response.projects.slice(2, 4).map((p) => p.project_id));
    const off = await wb<{ projects: Array<{ project_id: number }> }>(gw, 'GET', 'projects', { client_userid: clientId, limit: 2, offset: 3 });
    expect(off.json.response.data).toMatchObject({ page: 2, offset: 3, limit: 2 });
    expect(off.json.response.projects.map((p) => p.project_id)).toEqual(all.json.response.projects.slice(3, 5).map((p) => p.project_id));
    const dflt = await wb(gw, 'GET', 'projects');
    expect(dflt.json.response.data).toMatchObject({ limit: 50, offset: 0, page: 1 });
  });

  it('gives a clear envelope error for an unknown version, resource, format or verb', async () => {
    const v2 = await call(`${gw.url}/project/api.php/v2/projects/json?${AUTH}`);
    expect(v2.status).toBe(404);
    expect(JSON.parse(v2.body)).toEqual({ request: { action: 'projects', method: 'GET', format: 'json', code: 404, message: 'Request Invalid or Bad Format' }, response: {} });
    const res = await call(`${gw.url}/project/api.php/v1/widgets/xml?${AUTH}`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('<message>Request Invalid or Bad Format</message>');
    const fmt = await call(`${gw.url}/project/api.php/v1/projects/csv?${AUTH}`);
    expect(fmt.status).toBe(400);
    expect(JSON.parse(fmt.body)).toMatchObject({ request: { code: 400, message: 'Request Invalid or Bad Format', format: 'json' }, response: {} });
    const verb = await call(`${gw.url}/project/api.php/v1/whmcstickets/json?${AUTH}&method=post`, { method: 'POST' });
    expect(verb.status).toBe(405);
    expect(JSON.parse(verb.body)).toMatchObject({ request: { method: 'POST', code: 405 } });
  });

  it('lists every action of the reference in findResources', async () => {
    const r = await wb<{ resources: Array<{ method: string }> }>(gw, 'GET', 'api/resources');
    const names = r.json.response.resources.map((x) => x.method);
    for (const m of ['findResources', 'getConfig', 'getProjectTickets', 'findTopicThreads', 'downloadFile', 'getWHMCSTicket', 'deleteTicketXref', 'updateTimelog']) expect(names).toContain(m);
    expect(names).toHaveLength(46);
    expect(r.json.response.data).toMatchObject({ total: 46 });
  });

  it('getConfig returns the options, or one by name', async () => {
    const all = await wb<{ config: Record<string, unknown> }>(gw, 'GET', 'config');
    expect(all.json.response.config).toMatchObject({ api_active: 'yes', api_version: 'v1', action_priorities: { '1': 'Low', '2': 'Medium', '3': 'High' } });
    const one = await wb<{ config: Record<string, unknown> }>(gw, 'GET', 'config', { name: 'level_classes' });
    expect(one.json.response.config).toEqual({ level_classes: ['milestone', 'group', 'task'] });
    const none = await wb(gw, 'GET', 'config', { name: 'nope' });
    expect(none.json.request).toMatchObject({ code: 404, message: 'Record Not Found' });
  });

  it('refuses every call while the API Active setting is no', async () => {
    const settings = gw.app.get(SettingsService, { strict: false });
    await settings.set('project.api_active', 'no');
    try {
      const r = await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}`);
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toEqual({ request: { action: 'projects', method: 'GET', format: 'json', code: 503, message: 'API Not Active' }, response: {} });
    } finally {
      await settings.reset('project.api_active');
    }
    expect((await call(`${gw.url}/project/api.php/v1/projects/json?${AUTH}`)).status).toBe(200);
  });

  it('admits an administrator only when the role grants wbTeamPro', async () => {
    const credentials = gw.app.get(CredentialService, { strict: false });
    await credentials.create({ kind: 'project_password', identifier: 'clerk', secret: 'clerk-pass', permissions: ['billing'] });
    await credentials.create({ kind: 'project_password', identifier: 'lead', secret: 'lead-pass', permissions: ['billing', 'wbteampro'] });
    const clerk = await call(`${gw.url}/project/api.php/v1/projects/json?username=clerk&password=${md5('clerk-pass')}`);
    expect(clerk.status).toBe(403);
    expect(JSON.parse(clerk.body)).toMatchObject({ request: { code: 403, message: 'Your Administrator Role is Not Permitted to Access wbTeamPro' }, response: {} });
    const lead = await call(`${gw.url}/project/api.php/v1/projects/json?username=lead&password=${md5('lead-pass')}`);
    expect(lead.status).toBe(200);
  });
});
