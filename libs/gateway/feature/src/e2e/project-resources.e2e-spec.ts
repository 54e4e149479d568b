import { DataSource, In } from 'typeorm';
import { FileStorageService, ProjectTopicsService } from '@hostgate/domain';
import { ProjectFileEntity } from '@hostgate/shared/persistence';
import { afterRead } from './interleave';
import { AUTH, billingClient, supportTicket, wb } from './project-client';
import { call, CREDS, md5, startTestGateway, type TestGateway, transactionsRunAgain } from './test-gateway';

type Rec = Record<string, unknown>;
type Lists = Record<string, Rec & Rec[]>;

describe('project (wbTeamPro) resources: every action of the reference, combined chains, filters and deletes', () => {
  let gw: TestGateway;
  let clientId: number;
  let otherClient: number;
  let projectId: number;
  let milestoneId: number;
  let taskId: number;

  const denied = (path: string) => call(`${gw.url}/project/api.php/v1/${path}/json?username=${CREDS.projectUser}&password=${md5('wrong')}`);

  beforeAll(async () => {
    gw = await startTestGateway();
    clientId = await billingClient(gw, 'res');
    otherClient = await billingClient(gw, 'other');
  });
  afterAll(() => gw.close());

  describe('projects', () => {
    it('createProject, getProject, updateProject, findProjects', async () => {
      const c = await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Shop', project_type: 'web', date_start: '2026-01-10', date_finish: '2026-03-01 12:00:00' });
      expect(c.json.request).toMatchObject({ method: 'POST', code: 200, message: 'Success', action: 'projects' });
      const p = c.json.response['project'];
      projectId = Number(p['project_id']);
      expect(p).toMatchObject({ client_userid: clientId, project_name: 'Shop', project_type: 'web', project_status: 'active', date_start: '2026-01-10 00:00:00', date_finish: '2026-03-01 12:00:00', client_visibility: 'hidden', client_hostingid: null });
      expect(p['owner_adminid']).toEqual(expect.any(Number));
      expect(p['date_created']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const g = await wb(gw, 'GET', `projects/${projectId}`);
      expect(g.json.response['project']).toEqual(p);
      const u = await wb(gw, 'PUT', `projects/${projectId}`, { project_description: 'New shop', project_status: 'onhold' });
      expect(u.json.response['project']).toMatchObject({ project_description: 'New shop', project_status: 'onhold', project_name: 'Shop' });
      await wb(gw, 'POST', 'projects', { client_userid: otherClient, project_name: 'Other', project_status: 'active' });
      const f = await wb<Lists>(gw, 'GET', 'projects', { client_userid: clientId });
      expect(f.json.response['projects'].map((x) => x['project_name'])).toEqual(['Shop']);
      const byStatus = await wb<Lists>(gw, 'GET', 'projects', { project_status: 'active' });
      expect(byStatus.json.response['projects'].map((x) => x['project_name'])).toEqual(['Other']);
    });

    it('refuses a missing client, a client that does not exist and wrong values', async () => {
      expect((await wb(gw, 'POST', 'projects', { project_name: 'No client' })).json.request).toMatchObject({ code: 400, message: 'The required data was not provided' });
      expect((await wb(gw, 'POST', 'projects', { client_userid: 9999, project_name: 'Ghost' })).json.request).toMatchObject({ code: 404, message: 'Record Not Found' });
      expect((await wb(gw, 'POST', 'projects', { client_userid: clientId })).json.request).toMatchObject({ code: 400, message: 'The required data was not provided' });
      expect((await wb(gw, 'POST', 'projects', { client_userid: 'abc', project_name: 'x' })).json.request).toMatchObject({ code: 400, message: 'The value provide for client_userid is invalid or not allowed.' });
      expect((await wb(gw, 'PUT', `projects/${projectId}`, { date_finish: '2025-01-01' })).json.request).toMatchObject({ code: 400, message: 'The value provide for date_finish is invalid or not allowed.' });
      expect((await wb(gw, 'PUT', `projects/${projectId}`, { client_visibility: 'everyone' })).json.request).toMatchObject({ code: 400, message: 'The value provide for client_visibility is invalid or not allowed.' });
      expect((await wb(gw, 'GET', 'projects/424242')).json.request).toMatchObject({ code: 404, message: 'Record Not Found' });
      expect((await wb(gw, 'PUT', 'projects/424242', { project_name: 'x' })).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'DELETE', 'projects/424242')).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'GET', 'projects/abc')).json.request).toMatchObject({ code: 400, message: 'The value provide for project_id is invalid or not allowed.' });
      for (const path of ['projects', `projects/${projectId}`, `projects/${projectId}/actions`]) expect((await denied(path)).status).toBe(403);
    });
  });

  describe('actions', () => {
    it('createAction with priority, status, dates, assignee and a parent milestone; getAction, updateAction, findActions', async () => {
      const m = await wb(gw, 'POST', 'actions', { project_id: projectId, action_name: 'Phase 1', level_class: 'milestone' });
      milestoneId = Number(m.json.response['action']['action_id']);
      const t = await wb(gw, 'POST', 'actions', { project_id: projectId, parent_id: milestoneId, action_name: 'Design', action_priority: 3, action_status: 'open', assigned_adminid: 7, date_start: '2026-02-01', date_finish: '2026-02-03' });
      expect(t.json.response['action']).toMatchObject({ project_id: projectId, parent_id: milestoneId, level_class: 'task', action_name: 'Design', action_priority: 3, action_status: 'open', assigned_adminid: 7, date_start: '2026-02-01 00:00:00', action_recurrence: 'none' });
      taskId = Number(t.json.response['action']['action_id']);
      await wb(gw, 'POST', 'actions', { project_id: projectId, action_name: 'Build', action_priority: '1' });
      // The known client's update: PUT with action_id and action_notes in params.
      const u = await call(`${gw.url}/project/api.php?action=v1.actions.${taskId}.json&${AUTH}&method=put&params=${encodeURIComponent(JSON.stringify({ action_id: String(taskId), action_notes: 'Use the brand colours' }))}`, { method: 'POST' });
      expect(JSON.parse(u.body)).toMatchObject({ response: { action: { action_notes: 'Use the brand colours', action_priority: 3 } } });
      expect((await wb(gw, 'GET', `actions/${taskId}`)).json.response['action']).toMatchObject({ action_notes: 'Use the brand colours' });
      const high = await wb<Lists>(gw, 'GET', 'actions', { project_id: projectId, action_priority: 3 });
      expect(high.json.response['actions'].map((a) => a['action_name'])).toEqual(['Design']);
      const sorted = await wb<Lists>(gw, 'GET', 'actions', { project_id: projectId, sort: 'action_priority', order: 'desc' });
      expect(sorted.json.response['actions'].map((a) => a['action_priority'])).toEqual([3, 2, 1]);
      const assigned = await wb<Lists>(gw, 'GET', 'actions', { assigned_adminid: 7 });
      expect(assigned.json.response['actions'].map((a) => a['action_id'])).toEqual([taskId]);
      const dated = await wb<Lists>(gw, 'GET', 'actions', { date_start_from: '2026-02-01', date_start_to: '2026-02-01' });
      expect(dated.json.response['actions'].map((a) => a['action_id'])).toEqual([taskId]);
      expect(dated.json.response.data?.filters).toEqual({ date_start_from: '2026-02-01 00:00:00', date_start_to: '2026-02-01 23:59:59' });
      const byClient = await wb<Lists>(gw, 'GET', 'actions', { client_userid: otherClient });
      expect(byClient.json.response['actions']).toEqual([]);
    });

    it('refuses a bad priority, a task as parent, a parent in another project and a cycle', async () => {
      expect((await wb(gw, 'POST', 'actions', { project_id: projectId, action_name: 'x', action_priority: 5 })).json.request).toMatchObject({ code: 400, message: 'The value provide for action_priority is invalid or not allowed.' });
      expect((await wb(gw, 'POST', 'actions', { project_id: projectId, action_name: 'x', parent_id: taskId })).json.request).toMatchObject({ code: 400, message: 'The value provide for parent_id is invalid or not allowed.' });
      const other = await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Second' });
      const otherId = Number(other.json.response['project']['project_id']);
      expect((await wb(gw, 'POST', 'actions', { project_id: otherId, action_name: 'x', parent_id: milestoneId })).json.request).toMatchObject({ code: 400, message: 'The value provide for parent_id is invalid or not allowed.' });
      const g = await wb(gw, 'POST', 'actions', { project_id: projectId, action_name: 'Group', level_class: 'group', parent_id: milestoneId });
      const groupId = Number(g.json.response['action']['action_id']);
      expect((await wb(gw, 'PUT', `actions/${milestoneId}`, { parent_id: groupId })).json.request).toMatchObject({ code: 400, message: 'The value provide for parent_id is invalid or not allowed.' });
      expect((await wb(gw, 'POST', 'actions', { project_id: 424242, action_name: 'x' })).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'GET', 'actions/424242')).json.request).toMatchObject({ code: 404 });
      expect((await denied(`actions/${taskId}`)).status).toBe(403);
    });

    it('two groups moved under each other at once: one move is made, the other refused as a cycle, without a deadlock', async () => {
      const moves = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Moves' })).json.response['project']['project_id']);
      // The moves take their project's turn before holding an action, so PostgreSQL never aborts one.
      expect(
        await transactionsRunAgain(async () => {
          for (let round = 0; round < 3; round++) {
            const group = async (name: string) => Number((await wb(gw, 'POST', 'actions', { project_id: moves, action_name: name, level_class: 'group' })).json.response['action']['action_id']);
            const [a, b] = [await group(`A${round}`), await group(`B${round}`)];
            const moved = await Promise.all([wb(gw, 'PUT', `actions/${a}`, { parent_id: b }), wb(gw, 'PUT', `actions/${b}`, { parent_id: a })]);
            expect(moved.map((m) => m.json.request.code).sort()).toEqual([200, 400]);
            const parents = [(await wb(gw, 'GET', `actions/${a}`)).json.response['action']['parent_id'], (await wb(gw, 'GET', `actions/${b}`)).json.response['action']['parent_id']];
            expect(parents.filter((p) => p === null)).toHaveLength(1);
          }
        }),
      ).toEqual([]);
    });
  });

  describe('topics and files', () => {
    let topicId: number;
    let fileId: number;

    it('createTopic, a reply, getTopic, updateTopic, findTopics and findTopicThreads', async () => {
      const t = await wb(gw, 'POST', 'topics', { project_id: projectId, action_id: taskId, topic_name: 'Colours?', topic_body: 'Which ones?' });
      topicId = Number(t.json.response['topic']['topic_id']);
      expect(t.json.response['topic']).toMatchObject({ project_id: projectId, action_id: taskId, parent_id: null, topic_status: 'open' });
      const reply = await wb(gw, 'POST', 'topics', { parent_id: topicId, topic_name: 'Re: Colours?', topic_body: 'Blue' });
      expect(reply.json.response['topic']).toMatchObject({ project_id: projectId, parent_id: topicId });
      await wb(gw, 'POST', 'topics', { project_id: projectId, topic_name: 'Kick-off' });
      const u = await wb(gw, 'PUT', `topics/${topicId}`, { topic_status: 'closed' });
      expect(u.json.response['topic']).toMatchObject({ topic_status: 'closed' });
      expect((await wb(gw, 'GET', `topics/${topicId}`)).json.response['topic']).toMatchObject({ topic_name: 'Colours?', topic_status: 'closed' });
      const all = await wb<Lists>(gw, 'GET', 'topics', { project_id: projectId });
      expect(all.json.response.data?.total).toBe(3);
      const threads = await wb<Lists>(gw, 'GET', 'topics/bythread', { project_id: projectId });
      expect(threads.json.response['topics'].map((x) => [x['topic_name'], x['thread_replies']])).toEqual([
        ['Colours?', 1],
        ['Kick-off', 0],
      ]);
      expect((await wb(gw, 'PUT', `topics/${topicId}`, { topic_status: 'pending' })).json.request).toMatchObject({ code: 400, message: 'The value provide for topic_status is invalid or not allowed.' });
      expect((await wb(gw, 'POST', 'topics', { project_id: projectId })).json.request).toMatchObject({ code: 400, message: 'The required data was not provided' });
      expect((await wb(gw, 'GET', 'topics/424242')).json.request).toMatchObject({ code: 404 });
      expect((await denied('topics/bythread')).status).toBe(403);
    });

    it('createFile by multipart upload and by base64, getFile, downloadFile, updateFile, findFiles, findFileThreads', async () => {
      const bytes = Buffer.from([0, 1, 2, 255, 254, 13, 10, 0x80]);
      const fd = new FormData();
      fd.append('params', JSON.stringify({ project_id: projectId, action_id: taskId, file_label: 'Logo' }));
      fd.append('file', new Blob([bytes], { type: 'image/png' }), 'logo.png');
      const up = await call(`${gw.url}/project/api.php/v1/files/json?${AUTH}`, { method: 'POST', body: fd });
      const file = (JSON.parse(up.body) as { response: { file: Rec } }).response.file;
      fileId = Number(file['file_id']);
      expect(file).toMatchObject({ project_id: projectId, action_id: taskId, file_label: 'Logo', file_name: 'logo.png', file_mimetype: 'image/png', file_size: bytes.length });
      const down = await fetch(`${gw.url}/project/api.php/v1/files/${fileId}/download/json?${AUTH}`);
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe('image/png');
      expect(down.headers.get('content-disposition')).toBe(`attachment; filename="logo.png"; filename*=UTF-8''logo.png`);
      expect(Buffer.from(await down.arrayBuffer())).toEqual(bytes);
      const b64 = await wb(gw, 'POST', 'files', { parent_id: fileId, file_name: 'logo-v2.txt', file_mimetype: 'text/plain', file_data: Buffer.from('version 2').toString('base64') });
      expect(b64.json.response['file']).toMatchObject({ project_id: projectId, parent_id: fileId, file_name: 'logo-v2.txt', file_size: 9, file_label: 'logo-v2.txt' });
      const v2 = await call(`${gw.url}/project/api/v1/files/${String(b64.json.response['file']['file_id'])}/download/json?${AUTH}`);
      expect(v2.body).toBe('version 2');
      const u = await wb(gw, 'PUT', `files/${fileId}`, { file_description: 'Final logo', client_visibility: 'visible' });
      expect(u.json.response['file']).toMatchObject({ file_description: 'Final logo', client_visibility: 'visible', file_name: 'logo.png' });
      expect((await wb(gw, 'GET', `files/${fileId}`)).json.response['file']).toMatchObject({ file_description: 'Final logo' });
      const list = await wb<Lists>(gw, 'GET', 'files', { project_id: projectId, sort: '-file_size' });
      expect(list.json.response['files'].map((f) => f['file_size'])).toEqual([9, 8]);
      const threads = await wb<Lists>(gw, 'GET', 'files/bythread', { project_id: projectId });
      expect(threads.json.response['files'].map((f) => [f['file_id'], f['thread_replies']])).toEqual([[fileId, 1]]);
      expect((await wb(gw, 'POST', 'files', { project_id: projectId })).json.request).toMatchObject({ code: 400, message: 'The required data was not provided' });
      expect((await wb(gw, 'GET', 'files/424242/download')).json.request).toMatchObject({ code: 404 });
      expect((await denied(`files/${fileId}/download`)).status).toBe(403);
    });

    it('deleteTopic removes the thread; deleteFile removes the versions and their bytes', async () => {
      const d = await wb(gw, 'DELETE', `topics/${topicId}`);
      expect(d.json.response['topic']).toMatchObject({ topic_id: topicId });
      expect((await wb<Lists>(gw, 'GET', 'topics', { project_id: projectId })).json.response['topics'].map((x) => x['topic_name'])).toEqual(['Kick-off']);
      const f = await wb(gw, 'DELETE', `files/${fileId}`);
      expect(f.json.request).toMatchObject({ code: 200, method: 'DELETE' });
      expect((await wb<Lists>(gw, 'GET', 'files', { project_id: projectId })).json.response['files']).toEqual([]);
      expect((await wb(gw, 'GET', `files/${fileId}/download`)).json.request).toMatchObject({ code: 404 });
    });
  });

  it('deleteAction removes the bytes of its files and of their later versions, whichever action a version names', async () => {
    const project = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Versions' })).json.response['project']['project_id']);
    const action = async (name: string) => Number((await wb(gw, 'POST', 'actions', { project_id: project, action_name: name })).json.response['action']['action_id']);
    const [doomed, other] = [await action('Doomed'), await action('Other')];
    const file = async (params: Record<string, unknown>) => Number((await wb(gw, 'POST', 'files', { project_id: project, file_name: 'v.txt', file_data: Buffer.from(JSON.stringify(params)).toString('base64'), ...params })).json.response['file']['file_id']);
    const first = await file({ action_id: doomed });
    const versions = [await file({ parent_id: first }), await file({ parent_id: first, action_id: other })];
    const keys = (await gw.app.get(DataSource).getRepository(ProjectFileEntity).findBy({ id: In([first, ...versions]) })).map((f) => f.storageKey);
    const storage = gw.app.get(FileStorageService);
    expect(await Promise.all(keys.map(async (k) => (await storage.read(k)) !== undefined))).toEqual([true, true, true]);
    expect((await wb(gw, 'DELETE', `actions/${doomed}`)).json.request.code).toBe(200);
    expect((await wb<Lists>(gw, 'GET', 'files', { project_id: project })).json.response['files']).toEqual([]);
    expect(await Promise.all(keys.map(async (k) => (await storage.read(k)) !== undefined))).toEqual([false, false, false]);
  });

  describe('whmcstickets and ticketxrefs', () => {
    let ticketId: number;
    let xrefId: number;

    it('findWHMCSTickets and getWHMCSTicket over the shared support store', async () => {
      ticketId = await supportTicket(gw, clientId, 'Site down');
      await supportTicket(gw, otherClient, 'Billing question');
      const list = await wb<Lists>(gw, 'GET', 'whmcstickets', { userid: clientId });
      expect(list.json.response['whmcstickets']).toEqual([expect.objectContaining({ id: ticketId, userid: clientId, subject: 'Site down', status: 'Open', ticketxref: null })]);
      const one = await wb(gw, 'GET', `whmcstickets/${ticketId}`);
      expect(one.json.response['whmcsticket']).toMatchObject({ id: ticketId, tid: expect.stringMatching(/^\d{6}$/), message: 'Please help' });
      expect((await wb(gw, 'GET', 'whmcstickets/424242')).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'POST', 'whmcstickets', { subject: 'x' })).json.request).toMatchObject({ code: 405 });
      expect((await denied('whmcstickets')).status).toBe(403);
    });

    it('createTicketXref, getTicketXref, updateTicketXref, findTicketXrefs; a ticket of another client is refused', async () => {
      const c = await wb(gw, 'POST', 'ticketxrefs', { ticket_id: ticketId, project_id: projectId, xref_notes: 'outage' });
      xrefId = Number(c.json.response['ticketxref']['xref_id']);
      expect(c.json.response['ticketxref']).toMatchObject({ ticket_id: ticketId, project_id: projectId, action_id: null, xref_notes: 'outage' });
      expect((await wb(gw, 'POST', 'ticketxrefs', { ticket_id: ticketId, project_id: projectId })).json.request).toMatchObject({ code: 409 });
      const foreign = await supportTicket(gw, otherClient, 'Not yours');
      expect((await wb(gw, 'POST', 'ticketxrefs', { ticket_id: foreign, project_id: projectId })).json.request).toMatchObject({ code: 400, message: 'The value provide for ticket_id is invalid or not allowed.' });
      const u = await wb(gw, 'PUT', `ticketxrefs/${xrefId}`, { action_id: taskId });
      expect(u.json.response['ticketxref']).toMatchObject({ action_id: taskId });
      expect((await wb(gw, 'GET', `ticketxrefs/${xrefId}`)).json.response['ticketxref']).toMatchObject({ xref_id: xrefId });
      expect((await wb<Lists>(gw, 'GET', 'ticketxrefs', { project_id: projectId })).json.response['ticketxrefs']).toHaveLength(1);
      expect((await wb(gw, 'GET', 'ticketxrefs/424242')).json.request).toMatchObject({ code: 404 });
    });

    it('getProjectTickets and getActionTickets: the record, its tickets and each ticket’s link, as the seed shows', async () => {
      const r = await wb<Lists>(gw, 'GET', `projects/${projectId}/whmcstickets`);
      expect(r.json.request).toEqual({ action: `projects/${projectId}/whmcstickets`, method: 'GET', format: 'json', code: 200, message: 'Success' });
      expect(Object.keys(r.json.response)).toEqual(['data', 'project', 'whmcstickets']);
      expect(r.json.response.data).toEqual({ total: 1, page: 1, pages: 1, limit: 50, offset: 0, filters: { project_id: projectId } });
      expect(r.json.response['project']).toMatchObject({ project_id: projectId });
      expect(r.json.response['whmcstickets']).toEqual([expect.objectContaining({ id: ticketId, ticketxref: expect.objectContaining({ xref_id: xrefId, project_id: projectId }) })]);
      const a = await wb<Lists>(gw, 'GET', `actions/${taskId}/whmcstickets`);
      expect(a.json.response['action']).toMatchObject({ action_id: taskId });
      expect(a.json.response['whmcstickets'].map((t) => t['id'])).toEqual([ticketId]);
    });

    it('a ticket links to a project once, even when the links are created concurrently', async () => {
      const ticket = await supportTicket(gw, clientId, 'Race');
      const replies = await Promise.all(Array.from({ length: 6 }, () => wb(gw, 'POST', 'ticketxrefs', { ticket_id: ticket, project_id: projectId })));
      expect(replies.map((r) => r.json.request.code).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      for (const r of replies.filter((x) => x.json.request.code === 409)) expect(r.json.request.message).toBe('The value provide for ticket_id is invalid or not allowed.');
      const links = (await wb<Lists>(gw, 'GET', 'ticketxrefs', { ticket_id: ticket })).json.response['ticketxrefs'];
      expect(links).toHaveLength(1);
      await wb(gw, 'DELETE', `ticketxrefs/${String(links[0]['xref_id'])}`);
      const projects = await Promise.all(Array.from({ length: 8 }, (_, i) => wb(gw, 'POST', 'projects', { client_userid: otherClient, project_name: `Parallel ${i}` })));
      const ids = projects.map((r) => r.json.response['project']['project_id']);
      expect(new Set(ids).size).toBe(8);
    });

    it('deleteTicketXref unlinks and keeps the ticket', async () => {
      expect((await wb(gw, 'DELETE', `ticketxrefs/${xrefId}`)).json.response['ticketxref']).toMatchObject({ xref_id: xrefId });
      expect((await wb<Lists>(gw, 'GET', `projects/${projectId}/whmcstickets`)).json.response['whmcstickets']).toEqual([]);
      expect((await wb(gw, 'GET', `whmcstickets/${ticketId}`)).json.request.code).toBe(200);
      await wb(gw, 'POST', 'ticketxrefs', { ticket_id: ticketId, action_id: taskId });
    });
  });

  describe('timelogs', () => {
    it('keeps start, finish and duration consistent on create and update', async () => {
      const a = await wb(gw, 'POST', 'timelogs', { project_id: projectId, action_id: taskId, date_start: '2026-02-01 09:00:00', date_finish: '2026-02-01 10:30:00', timelog_description: 'Sketches' });
      const log = a.json.response['timelog'];
      expect(log).toMatchObject({ project_id: projectId, action_id: taskId, timelog_duration: 5400, timelog_status: 'complete', timelog_billable: 1 });
      const id = Number(log['timelog_id']);
      const b = await wb(gw, 'POST', 'timelogs', { action_id: taskId, date_start: '2026-02-02 09:00:00', timelog_duration: 600 });
      expect(b.json.response['timelog']).toMatchObject({ project_id: projectId, date_finish: '2026-02-02 09:10:00', timelog_status: 'complete' });
      const running = await wb(gw, 'POST', 'timelogs', { project_id: projectId, date_start: '2026-02-03 08:00:00' });
      expect(running.json.response['timelog']).toMatchObject({ timelog_status: 'active', date_finish: null, timelog_duration: 0 });
      const stop = await wb(gw, 'PUT', `timelogs/${String(running.json.response['timelog']['timelog_id'])}`, { date_finish: '2026-02-03 08:45:00' });
      expect(stop.json.response['timelog']).toMatchObject({ timelog_status: 'complete', timelog_duration: 2700 });
      const moved = await wb(gw, 'PUT', `timelogs/${id}`, { date_start: '2026-02-01 11:00:00' });
      expect(moved.json.response['timelog']).toMatchObject({ date_finish: '2026-02-01 12:30:00', timelog_duration: 5400 });
      const longer = await wb(gw, 'PUT', `timelogs/${id}`, { timelog_duration: 7200 });
      expect(longer.json.response['timelog']).toMatchObject({ date_start: '2026-02-01 11:00:00', date_finish: '2026-02-01 13:00:00' });
      expect((await wb(gw, 'POST', 'timelogs', { project_id: projectId, date_start: '2026-02-01 09:00:00', date_finish: '2026-02-01 10:00:00', timelog_duration: 10 })).json.request).toMatchObject({ code: 400, message: 'The value provide for timelog_duration is invalid or not allowed.' });
      expect((await wb(gw, 'POST', 'timelogs', { project_id: projectId, date_start: '2026-02-01 09:00:00', date_finish: '2026-01-01 10:00:00' })).json.request).toMatchObject({ code: 400, message: 'The value provide for date_finish is invalid or not allowed.' });
      expect((await wb(gw, 'POST', 'timelogs', { date_start: '2026-02-01' })).json.request).toMatchObject({ code: 400, message: 'The required data was not provided' });
      const found = await wb<Lists>(gw, 'GET', 'timelogs', { project_id: projectId, timelog_status: 'complete', date_start_from: '2026-02-02', sort: 'date_start' });
      expect(found.json.response['timelogs'].map((t) => t['date_start'])).toEqual(['2026-02-02 09:00:00', '2026-02-03 08:00:00']);
      expect((await wb(gw, 'GET', `timelogs/${id}`)).json.response['timelog']).toMatchObject({ timelog_id: id });
      // The ticket the time was spent on: it must exist, on create and on update.
      const ticket = await supportTicket(gw, clientId, 'Billable call');
      expect((await wb(gw, 'PUT', `timelogs/${id}`, { ticket_id: ticket })).json.response['timelog']).toMatchObject({ ticket_id: ticket });
      expect((await wb(gw, 'PUT', `timelogs/${id}`, { ticket_id: 424242 })).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'POST', 'timelogs', { project_id: projectId, timelog_duration: 60, ticket_id: 424242 })).json.request).toMatchObject({ code: 404 });
      expect((await wb(gw, 'GET', `timelogs/${id}`)).json.response['timelog']).toMatchObject({ ticket_id: ticket });
      expect((await wb(gw, 'DELETE', `timelogs/${id}`)).json.response['timelog']).toMatchObject({ timelog_id: id });
      expect((await wb(gw, 'GET', `timelogs/${id}`)).json.request).toMatchObject({ code: 404 });
      expect((await denied('timelogs')).status).toBe(403);
    });
  });

  describe('combined requests and deleting', () => {
    it('returns the record and its list for every sub-resource the seed lists', async () => {
      for (const sub of ['actions', 'topics', 'files', 'whmcstickets', 'timelogs']) {
        const r = await wb<Lists>(gw, 'GET', `projects/${projectId}/${sub}`);
        expect(r.json.request).toMatchObject({ action: `projects/${projectId}/${sub}`, code: 200 });
        expect(Object.keys(r.json.response)).toEqual(['data', 'project', sub]);
        expect(r.json.response.data?.filters).toEqual({ project_id: projectId });
        const alone = await wb<Lists>(gw, 'GET', sub, { project_id: projectId });
        expect(r.json.response[sub]).toEqual(alone.json.response[sub]);
        expect(r.json.response.data?.total).toBe(alone.json.response.data?.total);
      }
      for (const sub of ['topics', 'files', 'whmcstickets', 'timelogs']) {
        const r = await wb<Lists>(gw, 'GET', `actions/${taskId}/${sub}`);
        expect(Object.keys(r.json.response)).toEqual(['data', 'action', sub]);
        expect(r.json.response.data?.filters).toEqual({ action_id: taskId });
        const alone = await wb<Lists>(gw, 'GET', sub, { action_id: taskId });
        expect(r.json.response[sub]).toEqual(alone.json.response[sub]);
      }
      const actions = await wb<Lists>(gw, 'GET', `projects/${projectId}/actions`);
      expect(actions.json.response['actions'].length).toBeGreaterThanOrEqual(3);
      expect((await wb(gw, 'GET', `projects/424242/actions`)).json.request).toMatchObject({ code: 404, message: 'Record Not Found' });
      expect((await wb(gw, 'GET', `projects/${projectId}/widgets`)).json.request).toMatchObject({ code: 404, message: 'Request Invalid or Bad Format' });
      expect((await wb(gw, 'GET', `topics/1/files`)).json.request).toMatchObject({ code: 404 });
    });

    it('deleteAction removes its sub-actions and what hangs under them', async () => {
      const before = (await wb<Lists>(gw, 'GET', 'actions', { project_id: projectId })).json.response.data?.total ?? 0;
      const d = await wb(gw, 'DELETE', `actions/${milestoneId}`);
      expect(d.json.response['action']).toMatchObject({ action_id: milestoneId });
      const after = await wb<Lists>(gw, 'GET', 'actions', { project_id: projectId });
      expect(after.json.response['actions'].map((a) => a['action_name'])).toEqual(['Build']);
      expect(before).toBeGreaterThan(after.json.response.data?.total ?? 0);
      expect((await wb(gw, 'GET', `actions/${taskId}`)).json.request.code).toBe(404);
      expect((await wb<Lists>(gw, 'GET', 'timelogs', { action_id: taskId })).json.response['timelogs']).toEqual([]);
    });

    it('deleteProject removes its children in one transaction, reports what went and keeps the tickets', async () => {
      await wb(gw, 'POST', 'topics', { project_id: projectId, topic_name: 'Wrap-up' });
      await wb(gw, 'POST', 'files', { project_id: projectId, file_name: 'notes.txt', file_data: Buffer.from('n').toString('base64') });
      const ticket = await supportTicket(gw, clientId, 'Linked');
      await wb(gw, 'POST', 'ticketxrefs', { ticket_id: ticket, project_id: projectId });
      const d = await wb(gw, 'DELETE', `projects/${projectId}`);
      expect(d.json.request).toMatchObject({ code: 200, method: 'DELETE' });
      expect(d.json.response['project']).toMatchObject({ project_id: projectId });
      expect(d.json.response['removed']).toEqual({ actions: 1, topics: 2, files: 1, ticketxrefs: 1, timelogs: 1 });
      expect((await wb(gw, 'GET', `projects/${projectId}`)).json.request.code).toBe(404);
      for (const sub of ['actions', 'topics', 'files', 'ticketxrefs', 'timelogs']) expect((await wb<Lists>(gw, 'GET', sub, { project_id: projectId })).json.response[sub]).toEqual([]);
      expect((await wb(gw, 'GET', `whmcstickets/${ticket}`)).json.request.code).toBe(200);
    });
  });

  describe('an update racing a delete', () => {
    it('a topic deleted after an update read it stays deleted: the update answers 404, it does not bring the topic back', async () => {
      const project = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Racing' })).json.response['project']['project_id']);
      const topic = Number((await wb(gw, 'POST', 'topics', { project_id: project, topic_name: 'Doomed' })).json.response['topic']['topic_id']);
      const topics = gw.app.get(ProjectTopicsService);
      // The topic is deleted right after the update has read it, before it writes.
      const updated = await afterRead(topics, 'get', () => topics.delete(topic), () => wb(gw, 'PUT', `topics/${topic}`, { topic_name: 'Renamed' }));
      expect(updated.json.request.code).toBe(404);
      expect((await wb(gw, 'GET', `topics/${topic}`)).json.request.code).toBe(404);
    });

    it('an update writes only its own fields: a topic closed after a rename read it stays closed, with the new name', async () => {
      const project = Number((await wb(gw, 'POST', 'projects', { client_userid: clientId, project_name: 'Two editors' })).json.response['project']['project_id']);
      const topic = Number((await wb(gw, 'POST', 'topics', { project_id: project, topic_name: 'Draft' })).json.response['topic']['topic_id']);
      const topics = gw.app.get(ProjectTopicsService);
      const renamed = await afterRead(topics, 'get', () => wb(gw, 'PUT', `topics/${topic}`, { topic_status: 'closed' }), () => wb(gw, 'PUT', `topics/${topic}`, { topic_name: 'Final' }));
      expect(renamed.json.response['topic']).toMatchObject({ topic_name: 'Final', topic_status: 'closed' });
      expect((await wb(gw, 'GET', `topics/${topic}`)).json.response['topic']).toMatchObject({ topic_name: 'Final', topic_status: 'closed' });
    });
  });
});
