import { AccountsService, ClientsService, ContactsService, PackagesService, ServicesService } from '@hostgate/domain';
import { DataSource } from 'typeorm';
import { afterRead, beforeCall } from './interleave';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

const AUTH = basic(CREDS.billingUser, CREDS.billingKey);
const post = (pairs: readonly string[], method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH },
  body: pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&'),
});

describe('billing (Blesta): packages and services acting on shared hosting accounts', () => {
  let gw: TestGateway;
  let accounts: AccountsService;
  const api = (path: string, init: RequestInit = { headers: { authorization: AUTH } }) => call(`${gw.url}/billing/api/${path}`, init);
  const response = async <T>(r: Promise<{ body: string }>): Promise<T> => (JSON.parse((await r).body) as { response: T }).response;
  /** A client (with its user and primary contact) made through clients/create. */
  const newClient = (username: string) => response<{ id: string }>(api('clients/create.json', post([`vars[username]=${username}`, 'vars[new_password]=secret-1', 'vars[first_name]=Ann', 'vars[last_name]=Lee', `vars[email]=${username}@example.com`])));
  let hostingPricing: string;
  let plainPricing: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    accounts = gw.app.get(AccountsService);
    await api('clients/create.json', post(['vars[username]=buyer', 'vars[new_password]=secret-1', 'vars[first_name]=Buy', 'vars[last_name]=Er', 'vars[email]=buyer@example.com']));
  });
  afterAll(() => gw.close());

  describe('packages', () => {
    it('add with pricing per term and currency; get shows it in json, xml and php', async () => {
      const id = await response<string>(
        api('packages/add.json', post(['vars[names][0][lang]=en_us', 'vars[names][0][name]=Web Basic', 'vars[module]=hosting', 'vars[meta][package]=default', 'vars[pricing][0][term]=1', 'vars[pricing][0][period]=month', 'vars[pricing][0][price]=4.99', 'vars[pricing][0][currency]=USD', 'vars[pricing][1][term]=1', 'vars[pricing][1][period]=year', 'vars[pricing][1][price]=49.90', 'vars[pricing][1][setup_fee]=5', 'vars[pricing][1][currency]=USD'])),
      );
      expect(id).toBe('1');
      const pkg = await response<{ pricing: Array<Record<string, string>> } & Record<string, unknown>>(api('packages/get.json?package_id=1'));
      expect(pkg).toMatchObject({ id: '1', id_code: '1', name: 'Web Basic', module: 'hosting', status: 'active', meta: { package: 'default' }, names: [{ lang: 'en_us', name: 'Web Basic' }] });
      expect(pkg.pricing.map((p) => [p.term, p.period, p.price, p.setup_fee, p.currency])).toEqual([
        ['1', 'month', '4.9900', '0.0000', 'USD'],
        ['1', 'year', '49.9000', '5.0000', 'USD'],
      ]);
      hostingPricing = pkg.pricing[0].id;
      expect((await api('packages/get.xml?package_id=1')).body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<packages>\n\t<response>\n\t\t<id>1</id>')).toBe(true);
      expect((await api('packages/get.php?package_id=1')).body).toContain('s:4:"name";s:9:"Web Basic";');
      expect((await api('packages/get.json?package_id=9')).body).toBe('{"response":false}');
      const plain = await api('packages/add.xml', post(['vars[name]=Support', 'vars[pricing][0][period]=onetime', 'vars[pricing][0][price]=20', 'vars[pricing][0][currency]=USD']));
      expect(plain.body).toBe('<?xml version="1.0" encoding="UTF-8" ?>\n<packages>\n\t<response>2</response>\n</packages>');
      plainPricing = (await response<{ pricing: Array<{ id: string }> }>(api('packages/get.json?package_id=2'))).pricing[0].id;
      expect((await api('packages/add.php', post(['vars[name]=Extra', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD']))).body).toBe('a:1:{s:8:"response";s:1:"3";}');
    });

    it('validation: name, pricing, currency, hosting package', async () => {
      expect(JSON.parse((await api('packages/add.json', post(['vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD']))).body)).toMatchObject({ errors: { names: { empty: 'Please enter a package name.' } } });
      expect(JSON.parse((await api('packages/add.json', post(['vars[name]=X', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=XYZ']))).body)).toMatchObject({ errors: { 'pricing[][currency]': { format: 'Invalid currency.' } } });
      expect(JSON.parse((await api('packages/add.json', post(['vars[name]=X', 'vars[module]=hosting', 'vars[meta][package]=gold', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD']))).body)).toMatchObject({ errors: { 'meta[package]': { exists: expect.any(String) } } });
    });

    it('getList, getListCount, getAll, edit and delete', async () => {
      expect((await response<Array<{ name: string }>>(api('packages/getList.json?order_by[name]=ASC'))).map((p) => p.name)).toEqual(['Extra', 'Support', 'Web Basic']);
      expect((await api('packages/getList.xml')).body).toContain('<packages>\n\t\n\t<response>');
      expect((await api('packages/getList.php')).body.startsWith('a:1:{s:8:"response";a:3:{i:0;O:8:"stdClass":')).toBe(true);
      expect(await response(api('packages/getListCount.json'))).toBe(3);
      expect((await response<unknown[]>(api('packages/getAll.json?company_id=1'))).length).toBe(3);
      expect(await response(api('packages/getAll.json?company_id=2'))).toEqual([]);
      expect((await api('packages/edit.json', post(['package_id=3', 'vars[status]=inactive'], 'PUT'))).body).toBe('{"response":null}');
      expect(await response(api('packages/getListCount.json?status=inactive'))).toBe(1);
      expect((await api('packages/delete.json?package_id=3', { method: 'DELETE', headers: { authorization: AUTH } })).body).toBe('{"response":null}');
      expect(JSON.parse((await api('packages/delete.json?package_id=3', { method: 'DELETE', headers: { authorization: AUTH } })).body)).toMatchObject({ errors: { package_id: { exists: 'Invalid package ID.' } } });
    });
  });

  describe('services', () => {
    it('add with use_module creates the hosting account in the shared store at once', async () => {
      const id = await response<string>(api('services/add.json', post([`vars[pricing_id]=${hostingPricing}`, 'vars[client_id]=1', 'vars[status]=active', 'vars[use_module]=true', 'vars[username]=webuser', 'vars[password]=Hosting-Pass1', 'vars[domain]=example.org'])));
      expect(id).toBe('1');
      const account = await accounts.find('webuser');
      expect(account).toMatchObject({ username: 'webuser', email: 'buyer@example.com', suspended: false });
      expect(await accounts.verifyPassword('webuser', 'Hosting-Pass1')).toBeDefined();
      const svc = await response<Record<string, unknown>>(api('services/get.json?service_id=1'));
      expect(svc).toMatchObject({ id: '1', client_id: '1', status: 'active', pricing_id: hostingPricing, package: { name: 'Web Basic', module: 'hosting' }, fields: [{ key: 'username', value: 'webuser' }, { key: 'domain', value: 'example.org' }] });
      expect(svc['date_renews']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect((await api('services/get.xml?service_id=1')).body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<services>\n\t<response>\n\t\t<id>1</id>')).toBe(true);
      expect((await api('services/get.php?service_id=1')).body).toContain('s:6:"status";s:6:"active";');
      expect((await api('services/get.json?service_id=99')).body).toBe('{"response":false}');
    });

    it('a module failure fails the call in Blesta’s shape and leaves no service behind', async () => {
      const before = await response<number>(api('services/getListCount.json?client_id=1&status=all'));
      const r = await api('services/add.json', post([`vars[pricing_id]=${hostingPricing}`, 'vars[client_id]=1', 'vars[status]=active', 'vars[use_module]=true', 'vars[username]=webuser', 'vars[password]=Hosting-Pass1']));
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ message: 'The request cannot be fulfilled due to bad syntax.', errors: { username: { unique: 'The username is already in use by another hosting account.' } }, response: null });
      expect(await response(api('services/getListCount.json?client_id=1&status=all'))).toBe(before);
      const noPricing = await api('services/add.json', post(['vars[pricing_id]=999', 'vars[client_id]=1']));
      expect(JSON.parse(noPricing.body)).toMatchObject({ errors: { pricing_id: { exists: 'Invalid package pricing ID.' } } });
    });

    it('add without a module, in xml and php; getList and getListCount', async () => {
      const xml = await api('services/add.xml', post([`vars[pricing_id]=${plainPricing}`, 'vars[client_id]=1', 'vars[status]=active']));
      expect(xml.body).toMatch(/<response>2<\/response>/);
      expect((await api('services/add.php', post([`vars[pricing_id]=${plainPricing}`, 'vars[client_id]=1']))).body).toBe('a:1:{s:8:"response";s:1:"3";}');
      expect(await response(api('services/getListCount.json?client_id=1'))).toBe(2);
      expect(await response(api('services/getListCount.json?client_id=1&status=pending'))).toBe(1);
      expect((await response<Array<{ id: string }>>(api('services/getList.json?client_id=1&status=all&order_by[id]=ASC'))).map((s) => s.id)).toEqual(['1', '2', '3']);
      expect((await api('services/getList.xml')).body).toContain('<services>\n\t\n\t<response>');
      expect((await api('services/getList.php')).body.startsWith('a:1:{s:8:"response";a:2:{i:0;O:8:"stdClass":')).toBe(true);
      // Blesta's getListCount has no default for client_id.
      expect((await api('services/getListCount.json')).status).toBe(500);
    });

    it('suspend and unsuspend with use_module act on the hosting account', async () => {
      expect((await api('services/suspend.json', post(['service_id=1', 'vars[use_module]=true', 'vars[suspension_reason]=unpaid']))).body).toBe('{"response":null}');
      expect((await accounts.find('webuser'))?.suspended).toBe(true);
      expect(await response(api('services/get.json?service_id=1'))).toMatchObject({ status: 'suspended', suspension_reason: 'unpaid' });
      const twice = await api('services/suspend.json', post(['service_id=1', 'vars[use_module]=true']));
      expect(JSON.parse(twice.body)).toMatchObject({ errors: { service_id: { suspended: 'The service is already suspended.' } } });
      expect((await accounts.find('webuser'))?.suspended).toBe(true);
      expect((await api('services/unsuspend.json', post(['service_id=1', 'vars[use_module]=true']))).body).toBe('{"response":null}');
      expect((await accounts.find('webuser'))?.suspended).toBe(false);
      const notSuspended = await api('services/unsuspend.json', post(['service_id=1']));
      expect(JSON.parse(notSuspended.body)).toMatchObject({ errors: { service_id: { unsuspended: 'The service is not suspended.' } } });
      expect(JSON.parse((await api('services/suspend.json', post(['service_id=99']))).body)).toMatchObject({ errors: { service_id: { exists: 'Invalid service ID.' } } });
    });

    it('edit; a client with active services cannot be deleted', async () => {
      expect((await api('services/edit.json', post(['service_id=2', 'vars[qty]=3'], 'PUT'))).body).toBe('{"response":null}');
      expect(await response(api('services/get.json?service_id=2'))).toMatchObject({ qty: '3' });
      expect(JSON.parse((await api('services/edit.json', post(['service_id=2', 'vars[qty]=0'], 'PUT'))).body)).toMatchObject({ errors: { qty: { valid: expect.any(String) } } });
      const del = await api('clients/delete.json?client_id=1', { method: 'DELETE', headers: { authorization: AUTH } });
      expect(JSON.parse(del.body)).toMatchObject({ errors: { client_id: { deleteable: expect.any(String) } } });
      expect(JSON.parse((await api('packages/delete.json?package_id=1', { method: 'DELETE', headers: { authorization: AUTH } })).body)).toMatchObject({ errors: { package_id: { in_use: expect.any(String) } } });
    });

    it('cancel at end of term schedules it; cancel now with use_module removes the account', async () => {
      expect((await api('services/cancel.json', post(['service_id=1', 'vars[date_canceled]=end_of_term']))).body).toBe('{"response":null}');
      expect(await response(api('services/getListCount.json?client_id=1&status=scheduled_cancellation'))).toBe(1);
      expect(await accounts.find('webuser')).not.toBeNull();
      expect((await api('services/cancel.json', post(['service_id=1', 'vars[use_module]=true']))).body).toBe('{"response":null}');
      expect(await accounts.find('webuser')).toBeNull();
      expect(await response(api('services/get.json?service_id=1'))).toMatchObject({ status: 'canceled' });
      // vars has no default in Services::cancel.
      expect((await api('services/cancel.json', post(['service_id=2']))).status).toBe(500);
    });
  });

  it('a client deleted while an invoice or an active service is added for it: one of the two happens, as if one after the other', async () => {
    // Either the add comes first (the delete is then refused: open invoice, active service), or
    // the delete does (the add then finds no client). Never both, never a 500, nothing lost.
    for (let i = 0; i < 12; i++) {
      const { id } = await newClient(`racer${i}`);
      const kind = i % 2 === 0 ? 'invoice' : 'service';
      const add =
        kind === 'invoice'
          ? api('invoices/add.json', post([`vars[client_id]=${id}`, 'vars[date_billed]=2026-11-01', 'vars[date_due]=2026-11-30', 'vars[currency]=USD', 'vars[lines][0][description]=Work', 'vars[lines][0][amount]=5']))
          : api('services/add.json', post([`vars[pricing_id]=${plainPricing}`, `vars[client_id]=${id}`, 'vars[status]=active']));
      const [deleted, added] = await Promise.all([api(`clients/delete.json?client_id=${id}`, { method: 'DELETE', headers: { authorization: AUTH } }), add]);
      const addedId = added.status === 200 ? (JSON.parse(added.body) as { response: string }).response : undefined;
      const kept = addedId === undefined ? 'none' : (await api(`${kind}s/get.json?${kind}_id=${addedId}`)).body === '{"response":false}' ? 'lost' : 'kept';
      const outcome = `${kind}: delete ${deleted.status}, add ${added.status}, ${kept}`;
      expect([`${kind}: delete 200, add 400, none`, `${kind}: delete 400, add 200, kept`]).toContain(outcome);
      // The refusal is the one Blesta gives for that order.
      const refusal = JSON.parse(added.status === 400 ? added.body : deleted.body) as { errors?: { client_id?: Record<string, string> } };
      expect(Object.keys(refusal.errors?.client_id ?? {})).toEqual([added.status === 400 ? 'exists' : 'deleteable']);
    }
  });

  it('a package deleted while a service is added on it: one of the two happens, as if one after the other', async () => {
    for (let i = 0; i < 10; i++) {
      const pkg = await response<string>(api('packages/add.json', post([`vars[name]=Racing ${i}`, 'vars[pricing][0][period]=month', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD'])));
      const pricing = (await response<{ pricing: Array<{ id: string }> }>(api(`packages/get.json?package_id=${pkg}`))).pricing[0].id;
      const [deleted, added] = await Promise.all([
        api(`packages/delete.json?package_id=${pkg}`, { method: 'DELETE', headers: { authorization: AUTH } }),
        api('services/add.json', post([`vars[pricing_id]=${pricing}`, 'vars[client_id]=1', 'vars[status]=active'])),
      ]);
      const addedId = added.status === 200 ? (JSON.parse(added.body) as { response: string }).response : undefined;
      const kept = addedId === undefined ? 'none' : (await api(`services/get.json?service_id=${addedId}`)).body === '{"response":false}' ? 'lost' : 'kept';
      expect(['delete 200, add 400, none', 'delete 400, add 200, kept']).toContain(`delete ${deleted.status}, add ${added.status}, ${kept}`);
      const refusal = JSON.parse(added.status === 400 ? added.body : deleted.body) as { errors?: Record<string, Record<string, string>> };
      expect(refusal.errors).toEqual(added.status === 400 ? { pricing_id: { exists: 'Invalid package pricing ID.' } } : { package_id: { in_use: expect.any(String) } });
    }
  });

  it('a client deleted while a payment or a contact is added for it: the add is refused as Blesta refuses an unknown client, or goes with the client', async () => {
    for (let i = 0; i < 16; i++) {
      const { id } = await newClient(`payer${i}`);
      const adding =
        i % 2 === 0
          ? api('transactions/add.json', post([`vars[client_id]=${id}`, 'vars[amount]=3', 'vars[currency]=USD', 'vars[type]=other']))
          : api('contacts/add.json', post([`vars[client_id]=${id}`, 'vars[contact_type]=billing', 'vars[first_name]=A', 'vars[last_name]=B', 'vars[email]=ab@example.com']));
      // The delete is sent a little later each time, so that some land between the add's checks and its write.
      await new Promise((resolve) => setTimeout(resolve, i % 8));
      const [deleted, added] = await Promise.all([api(`clients/delete.json?client_id=${id}`, { method: 'DELETE', headers: { authorization: AUTH } }), adding]);
      expect({ deleted: deleted.status, added: added.status === 200 ? 200 : (JSON.parse(added.body) as { errors?: unknown }).errors }).toEqual({
        deleted: 200,
        added: added.status === 200 ? 200 : { client_id: { exists: 'Invalid client ID.' } },
      });
    }
  });

  it('a service changed after a suspend or an edit read it: the suspend is refused on what it is now, the edit writes only its own fields', async () => {
    const services = gw.app.get(ServicesService);
    const add = () => response<string>(api('services/add.json', post([`vars[pricing_id]=${plainPricing}`, 'vars[client_id]=1', 'vars[status]=active'])));
    const canceled = await add();
    const suspend = await afterRead(
      services,
      'owned',
      () => api('services/cancel.json', post([`service_id=${canceled}`, 'vars[use_module]=false'])),
      () => api('services/suspend.json', post([`service_id=${canceled}`])),
    );
    expect(JSON.parse(suspend.body)).toMatchObject({ errors: { service_id: { valid: 'Only active services may be suspended.' } } });
    expect(await response(api(`services/get.json?service_id=${canceled}`))).toMatchObject({ status: 'canceled' });

    const suspended = await add();
    const edit = await afterRead(
      services,
      'owned',
      () => api('services/suspend.json', post([`service_id=${suspended}`])),
      () => api('services/edit.json', post([`service_id=${suspended}`, 'vars[qty]=2'], 'PUT')),
    );
    expect(edit.body).toBe('{"response":null}');
    expect(await response(api(`services/get.json?service_id=${suspended}`))).toMatchObject({ status: 'suspended', qty: '2' });
  });

  it('a suspend or unsuspend with use_module after another one read the service changes the hosting account only with the service', async () => {
    const services = gw.app.get(ServicesService);
    const id = await response<string>(api('services/add.json', post([`vars[pricing_id]=${hostingPricing}`, 'vars[client_id]=1', 'vars[status]=active', 'vars[use_module]=true', 'vars[username]=racehost', 'vars[password]=Hosting-Pass1', 'vars[domain]=race.example.org'])));
    const act = (what: 'suspend' | 'unsuspend') => api(`services/${what}.json`, post([`service_id=${id}`, 'vars[use_module]=true']));
    // The second suspend read the service as active; the first suspended it (and the account) meanwhile.
    const suspend = await afterRead(services, 'owned', () => act('suspend'), () => act('suspend'));
    expect(JSON.parse(suspend.body)).toMatchObject({ errors: { service_id: { suspended: 'The service is already suspended.' } } });
    expect({ service: (await response<{ status: string }>(api(`services/get.json?service_id=${id}`))).status, account: (await accounts.find('racehost'))?.suspended }).toEqual({ service: 'suspended', account: true });
    // The same for unsuspend: the refused one must not suspend the account again (it did, as its "undo").
    const unsuspend = await afterRead(services, 'owned', () => act('unsuspend'), () => act('unsuspend'));
    expect(JSON.parse(unsuspend.body)).toMatchObject({ errors: { service_id: { unsuspended: 'The service is not suspended.' } } });
    expect({ service: (await response<{ status: string }>(api(`services/get.json?service_id=${id}`))).status, account: (await accounts.find('racehost'))?.suspended }).toEqual({ service: 'active', account: false });
  });

  it('a service added or canceled with use_module and its hosting account are one write: neither is seen without the other', async () => {
    const seen = async (id?: string) => ({
      account: (await accounts.find('atomic'))?.username ?? null,
      service: id === undefined ? null : ((await response<{ status: string } | false>(api(`services/get.json?service_id=${id}`))) || { status: 'none' }).status,
    });
    const services = gw.app.get(ServicesService);
    // Right after the module (the hosting side) has created the account: no account yet for anyone else.
    let during: unknown;
    const id = await afterRead(
      services,
      'module',
      async () => {
        during = await seen();
      },
      () => response<string>(api('services/add.json', post([`vars[pricing_id]=${hostingPricing}`, 'vars[client_id]=1', 'vars[status]=active', 'vars[use_module]=true', 'vars[username]=atomic', 'vars[password]=Hosting-Pass1']))),
    );
    expect(during).toEqual({ account: null, service: null });
    expect(await seen(id)).toEqual({ account: 'atomic', service: 'active' });
    // Right after the module has deleted the account: it is still there for others, the service active.
    await afterRead(
      services,
      'module',
      async () => {
        during = await seen(id);
      },
      () => api('services/cancel.json', post([`service_id=${id}`, 'vars[use_module]=true'])),
    );
    expect(during).toEqual({ account: 'atomic', service: 'active' });
    expect(await seen(id)).toEqual({ account: null, service: 'canceled' });
  });

  it('edits write only their own fields: a field another edit changed after they read the row is kept', async () => {
    const client = await newClient('keeper');
    const clientEdit = await afterRead(
      gw.app.get(ClientsService),
      'owned',
      () => api('clients/edit.json', post([`client_id=${client.id}`, 'vars[status]=inactive'], 'PUT')),
      () => api('clients/edit.json', post([`client_id=${client.id}`, 'vars[client_group_id]=1'], 'PUT')),
    );
    expect(clientEdit.body).toBe('{"response":null}');
    expect(await response(api(`clients/get.json?client_id=${client.id}`))).toMatchObject({ status: 'inactive', client_group_id: '1' });

    const contact = await response<string>(api('contacts/add.json', post([`vars[client_id]=${client.id}`, 'vars[contact_type]=billing', 'vars[first_name]=Old', 'vars[last_name]=Name', 'vars[email]=old@example.com'])));
    const contactEdit = await afterRead(
      gw.app.get(ContactsService),
      'get',
      () => api('contacts/edit.json', post([`contact_id=${contact}`, 'vars[last_name]=Changed'], 'PUT')),
      () => api('contacts/edit.json', post([`contact_id=${contact}`, 'vars[first_name]=New'], 'PUT')),
    );
    expect(contactEdit.status).toBe(200);
    expect(await response(api(`contacts/get.json?contact_id=${contact}`))).toMatchObject({ first_name: 'New', last_name: 'Changed', email: 'old@example.com' });
  });

  it('clients/edit to a user another client took after the check answers Blesta’s "already a client"', async () => {
    const [a, b] = [await newClient('first-of-two'), await newClient('second-of-two')];
    const spare = await response<string>(api('users/add.json', post(['vars[username]=spare-user', 'vars[new_password]=secret-1'])));
    // Client b takes the spare user right before a's edit opens its transaction.
    const edited = await beforeCall(
      gw.app.get(DataSource),
      'transaction',
      () => api('clients/edit.json', post([`client_id=${b.id}`, `vars[user_id]=${spare}`], 'PUT')),
      () => api('clients/edit.json', post([`client_id=${a.id}`, `vars[user_id]=${spare}`], 'PUT')),
    );
    expect(JSON.parse(edited.body)).toMatchObject({ errors: { user_id: { unique: 'The user is already a client.' } } });
    expect(await response(api(`clients/get.json?client_id=${b.id}`))).toMatchObject({ user_id: spare });
    expect(await response(api(`clients/get.json?client_id=${a.id}`))).toMatchObject({ username: 'first-of-two' });
  });

  /** An edit of a contact or package deleted right after the edit read it, before it writes: refused, and the row stays gone. */
  const editAfterDeletion = async (kind: 'contact' | 'package', service: object, method: string, id: string, change: string): Promise<void> => {
    const edited = await afterRead(
      service,
      method,
      () => api(`${kind}s/delete.json?${kind}_id=${id}`, { method: 'DELETE', headers: { authorization: AUTH } }),
      () => api(`${kind}s/edit.json`, post([`${kind}_id=${id}`, change], 'PUT')),
    );
    expect(JSON.parse(edited.body)).toMatchObject({ errors: { [`${kind}_id`]: { exists: `Invalid ${kind} ID.` } } });
    expect((await api(`${kind}s/get.json?${kind}_id=${id}`)).body).toBe('{"response":false}');
  };

  it('a contact deleted after an edit read it is not brought back by the edit', async () => {
    const contact = await response<string>(api('contacts/add.json', post(['vars[client_id]=1', 'vars[contact_type]=billing', 'vars[first_name]=Short', 'vars[last_name]=Lived', 'vars[email]=short@example.com'])));
    await editAfterDeletion('contact', gw.app.get(ContactsService), 'get', contact, 'vars[first_name]=Back');
  });

  it('a package deleted after an edit read it is not brought back by the edit', async () => {
    const pkg = await response<string>(api('packages/add.json', post(['vars[name]=Fleeting', 'vars[pricing][0][period]=month', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD'])));
    await editAfterDeletion('package', gw.app.get(PackagesService), 'owned', pkg, 'vars[description]=Back again');
  });
});
