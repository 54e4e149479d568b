import { AUTH, BAD_SYNTAX, dForm } from './billing-client';
import { call, startTestGateway, type TestGateway } from './test-gateway';

/** Client numbers (id_code), the user and the primary contact a client stands on: given explicitly, and raced. */
describe('billing (Blesta): client numbers, users and primary contacts, given and at once', () => {
  let gw: TestGateway;
  const post = async (path: string, pairs: readonly string[]) => {
    const r = await call(`${gw.url}/billing/api/${path}.json`, dForm(pairs));
    return { status: r.status, body: JSON.parse(r.body) as { response: unknown; errors?: unknown } };
  };
  const get = async (path: string) => (JSON.parse((await call(`${gw.url}/billing/api/${path}`, { headers: { authorization: AUTH } })).body) as { response: unknown }).response;
  let users = 0;
  const newUser = async () => String((await post('users/add', [`vars[username]=numbers-${++users}`, 'vars[new_password]=secret-1', 'vars[confirm_password]=secret-1'])).body.response);
  const create = (username: string) => post('clients/create', [`vars[username]=${username}`, 'vars[new_password]=secret-1', 'vars[first_name]=N', 'vars[last_name]=M', 'vars[email]=n@example.com']);

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('numbers given as id_code ahead of the sequence are gone past when it reaches them', async () => {
    const first = (await create('drawn-1')).body.response as { id_code: string };
    const next = Number(first.id_code) + 1;
    for (const code of [next, next + 1]) {
      const added = await post('clients/add', [`vars[user_id]=${await newUser()}`, 'vars[client_group_id]=1', `vars[id_code]=${code}`]);
      expect(added.status).toBe(200);
      expect(await get(`clients/get.json?client_id=${String(added.body.response)}`)).toMatchObject({ id_code: String(code) });
    }
    const drawn = await create('drawn-2');
    expect(drawn.status).toBe(200);
    expect(drawn.body.response).toMatchObject({ id_code: String(next + 2) });
    // A number in use is still refused when given.
    const taken = await post('clients/add', [`vars[user_id]=${await newUser()}`, 'vars[client_group_id]=1', `vars[id_code]=${next + 2}`]);
    expect(taken).toEqual({ status: 400, body: { message: BAD_SYNTAX, errors: { id_code: { unique: 'The client ID code is already in use.' } }, response: null } });
  });

  it('one user made a client 8 times at once: one client, the rest refused as Blesta refuses a second', async () => {
    const userId = await newUser();
    const replies = await Promise.all(Array.from({ length: 8 }, () => post('clients/add', [`vars[user_id]=${userId}`, 'vars[client_group_id]=1'])));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    for (const r of replies.filter((x) => x.status === 400)) expect(r.body.errors).toEqual({ user_id: { unique: 'The user is already a client.' } });
  });

  it('a client made by clients/add (no contact) given a primary contact 6 times at once has one', async () => {
    const clientId = String((await post('clients/add', [`vars[user_id]=${await newUser()}`, 'vars[client_group_id]=1'])).body.response);
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post('contacts/add', [`vars[client_id]=${clientId}`, 'vars[contact_type]=primary', `vars[first_name]=P${i}`, 'vars[last_name]=C', `vars[email]=p${i}@example.com`])),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    for (const r of replies.filter((x) => x.status === 400)) expect(r.body.errors).toEqual({ contact_type: { valid: 'The client already has a primary contact.' } });
    expect(await get(`contacts/getListCount.json?client_id=${clientId}`)).toBe(1);
  });

  it('a user deleted while it is made a client: one of the two wins, the other answers as if it had come second', async () => {
    const del = (userId: string) => call(`${gw.url}/billing/api/users/delete.json?user_id=${userId}`, { method: 'DELETE', headers: { authorization: AUTH } });
    for (let i = 0; i < 12; i++) {
      const userId = await newUser();
      const adding = post('clients/add', [`vars[user_id]=${userId}`, 'vars[client_group_id]=1']);
      await new Promise((resolve) => setTimeout(resolve, i % 4));
      const [deleted, added] = await Promise.all([del(userId), adding]);
      const outcome = { deleted: deleted.status === 200 ? 'deleted' : (JSON.parse(deleted.body) as { errors?: unknown }).errors, added: added.status === 200 ? 'client' : added.body.errors };
      expect([
        { deleted: 'deleted', added: { user_id: { exists: 'The user ID given does not exist.' } } },
        { deleted: { user_id: { deleteable: 'The user could not be deleted because it belongs to a client.' } }, added: 'client' },
      ]).toContainEqual(outcome);
    }
  });

  it('one id_code given 6 times at once, and one username added 8 times at once: one each, the rest refused', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => newUser()));
    const codes = await Promise.all(users.map((u) => post('clients/add', [`vars[user_id]=${u}`, 'vars[client_group_id]=1', 'vars[id_code]=900000'])));
    expect(codes.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    for (const r of codes.filter((x) => x.status === 400)) expect(r.body.errors).toEqual({ id_code: { unique: 'The client ID code is already in use.' } });
    const added = await Promise.all(Array.from({ length: 8 }, () => post('users/add', ['vars[username]=twin', 'vars[new_password]=secret-1', 'vars[confirm_password]=secret-1'])));
    expect(added.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    for (const r of added.filter((x) => x.status === 400)) expect(r.body.errors).toEqual({ username: { unique: 'That username has already been taken.' } });
  });
});
