import { AUTH, billingClient, PM, supportTicket, wb } from './project-client';
import { call, md5, startTestGateway, type TestGateway } from './test-gateway';

type Action = { method: string; resource: string; description: string };

const verbOf = (m: string) => (m.startsWith('create') ? 'POST' : m.startsWith('update') ? 'PUT' : m.startsWith('delete') ? 'DELETE' : 'GET');

/** A wrong-typed or disallowed value per record, and the field the error must name. */
const BAD_INPUT: Readonly<Record<string, readonly [Record<string, unknown>, string]>> = {
  projects: [{ client_userid: 'abc' }, 'client_userid'],
  actions: [{ action_priority: 9 }, 'action_priority'],
  topics: [{ topic_status: 'maybe' }, 'topic_status'],
  files: [{ file_status: 'maybe' }, 'file_status'],
  ticketxrefs: [{ ticket_id: 'x' }, 'ticket_id'],
  timelogs: [{ timelog_billable: 'x' }, 'timelog_billable'],
};

/**
 * Every action findResources lists, driven from that list: no permission (a wrong password), not
 * found and a non-numeric id where the chain names a record, invalid input where the action reads
 * fields, and success for every read. Writes succeed in project-resources.e2e-spec.ts.
 */
describe('project (wbTeamPro): every action of the reference — success, not found, invalid input, no permission', () => {
  let gw: TestGateway;
  let actions: Action[];
  const ids: Record<string, number> = {};

  const chainFor = (a: Action, id: (placeholder: string) => string) => a.resource.replace(/\{(\w+)\}/g, (_m, p: string) => id(p)).split('.').join('/');

  beforeAll(async () => {
    gw = await startTestGateway();
    actions = (await wb<{ resources: Action[] }>(gw, 'GET', 'api/resources')).json.response.resources;
    const clientId = await billingClient(gw, 'matrix');
    ids['project_id'] = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Matrix' })).json.response['project']['project_id']);
    ids['action_id'] = Number((await wb(gw, 'POST', 'actions', { project_id: ids['project_id'], action_name: 'A' })).json.response['action']['action_id']);
    ids['topic_id'] = Number((await wb(gw, 'POST', 'topics', { project_id: ids['project_id'], topic_name: 'T' })).json.response['topic']['topic_id']);
    ids['file_id'] = Number((await wb(gw, 'POST', 'files', { project_id: ids['project_id'], file_name: 'f.txt', file_data: Buffer.from('f').toString('base64') })).json.response['file']['file_id']);
    ids['ticket_id'] = await supportTicket(gw, clientId);
    ids['xref_id'] = Number((await wb(gw, 'POST', 'ticketxrefs', { ticket_id: ids['ticket_id'], project_id: ids['project_id'] })).json.response['ticketxref']['xref_id']);
    ids['timelog_id'] = Number((await wb(gw, 'POST', 'timelogs', { project_id: ids['project_id'], timelog_duration: 60 })).json.response['timelog']['timelog_id']);
  });
  afterAll(() => gw.close());

  it('covers all 46 actions of the seed', () => expect(actions).toHaveLength(46));

  it('no permission: a wrong password is refused with 403 in the envelope for every action', async () => {
    for (const a of actions) {
      const chain = chainFor(a, (p) => String(ids[p]));
      const r = await call(`${gw.url}/project/api.php/v1/${chain}/json?username=${PM.username}&password=${md5('wrong')}&method=${verbOf(a.method).toLowerCase()}`, { method: 'POST' });
      expect([a.method, r.status, JSON.parse(r.body)]).toEqual([a.method, 403, { request: { action: chain, method: verbOf(a.method), format: 'json', code: 403, message: 'Permission Denied' }, response: {} }]);
    }
    // Each refusal verifies a password hash (scrypt), deliberately slow.
  }, 60_000);

  it('not found and a non-numeric id, for every action that names a record', async () => {
    for (const a of actions.filter((x) => x.resource.includes('{'))) {
      const missing = await wb(gw, verbOf(a.method), chainFor(a, () => '987654'), verbOf(a.method) === 'PUT' ? {} : undefined);
      expect([a.method, missing.status, missing.json.request.message]).toEqual([a.method, 404, 'Record Not Found']);
      const bad = await wb(gw, verbOf(a.method), chainFor(a, () => 'x1'));
      expect([a.method, bad.status]).toEqual([a.method, 400]);
      expect(bad.json.request.message).toMatch(/^The value provide for \w+ is invalid or not allowed\.$/);
    }
  });

  it('invalid input for every action that reads fields or filters', async () => {
    for (const a of actions) {
      const verb = verbOf(a.method);
      const record = a.resource.split('.')[0];
      let reply;
      let field: string;
      if (verb === 'POST' || verb === 'PUT') {
        const [params, f] = BAD_INPUT[record];
        reply = await wb(gw, verb, chainFor(a, (p) => String(ids[p])), params);
        field = f;
      } else if (verb === 'GET' && /^(find|get\w+s$)/.test(a.method) && !['findResources', 'getConfig'].includes(a.method) && a.method !== 'getWHMCSTicket') {
        reply = await wb(gw, verb, chainFor(a, (p) => String(ids[p])), { sort: 'no_such_field' });
        field = 'sort';
      } else {
        continue;
      }
      expect([a.method, reply.status, reply.json.request.message]).toEqual([a.method, 400, `The value provide for ${field} is invalid or not allowed.`]);
    }
    const config = await wb(gw, 'GET', 'config', { name: 42 });
    expect(config.json.request.code).toBe(404);
  });

  it('success for every read, on the records made above', async () => {
    for (const a of actions.filter((x) => verbOf(x.method) === 'GET')) {
      const chain = chainFor(a, (p) => String(ids[p]));
      const r = await call(`${gw.url}/project/api.php/v1/${chain}/json?${AUTH}`);
      expect([a.method, r.status]).toEqual([a.method, 200]);
      if (a.method !== 'downloadFile') expect(JSON.parse(r.body)).toMatchObject({ request: { action: chain, method: 'GET', code: 200, message: 'Success' } });
    }
  });
});
