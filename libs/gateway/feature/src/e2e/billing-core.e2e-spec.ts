import { DataSource } from 'typeorm';
import { CompanySettingEntity, SettingEntity } from '@hostgate/shared/persistence';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';
import { dForm } from './billing-client';

describe('billing (Blesta): parameter matching, clients, contacts, companies, users, invoices', () => {
  let gw: TestGateway;
  const auth = { authorization: basic(CREDS.billingUser, CREDS.billingKey) };
  const get = (path: string) => call(`${gw.url}/billing/api/${path}`, { headers: auth });
  const json = async (path: string) => JSON.parse((await get(path)).body) as { response: unknown };

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  describe('clients/create and users', () => {
    it('creates user + client + primary contact in one call and returns the client', async () => {
      const r = await call(
        `${gw.url}/billing/api/clients/create.json`,
        dForm(['vars[username]=ann', 'vars[new_password]=secret-1', 'vars[confirm_password]=secret-1', 'vars[first_name]=Ann', 'vars[last_name]=Lee', 'vars[email]=ann@example.com', 'vars[country]=us']),
      );
      expect(r.status).toBe(200);
      const client = (JSON.parse(r.body) as { response: Record<string, unknown> }).response;
      expect(client).toMatchObject({ id: '1', id_code: '1500', id_value: '1500', client_group_id: '1', status: 'active', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', country: 'US', group_name: 'General', company_id: '1', username: 'ann' });
      expect(client['settings']).toMatchObject({ language: 'en_us', default_currency: 'USD' });
      expect(client['date_added']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    });

    it('a validation error answers 400 with Blesta rule names and leaves nothing behind', async () => {
      const dup = await call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars[username]=ann', 'vars[new_password]=secret-1', 'vars[first_name]=B', 'vars[last_name]=C', 'vars[email]=b@example.com']));
      expect(dup.status).toBe(400);
      expect(JSON.parse(dup.body)).toEqual({ message: 'The request cannot be fulfilled due to bad syntax.', errors: { username: { unique: 'That username has already been taken.' } }, response: null });
      const short = await call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars[username]=bob', 'vars[new_password]=x', 'vars[first_name]=B', 'vars[last_name]=C', 'vars[email]=b@example.com']));
      expect(JSON.parse(short.body)).toMatchObject({ errors: { new_password: { format: 'Please enter a password at least 6 characters in length.' } } });
      expect(await json('clients/getListCount.json')).toEqual({ response: 1 });
      expect(await json('users/getByUsername.json?username=bob')).toEqual({ response: false });
    });

    it('users/auth: the seed example, with a right and a wrong password', async () => {
      const ok = await call(`${gw.url}/billing/api/users/auth.json`, dForm(['username=ann', 'vars[username]=ann', 'vars[password]=secret-1', 'type=any']));
      expect(ok.body).toBe('{"response":true}');
      const bad = await call(`${gw.url}/billing/api/users/auth.json`, dForm(['username=ann', 'vars[username]=ann', 'vars[password]=nope', 'type=any']));
      expect(bad.body).toBe('{"response":false}');
      const client = await call(`${gw.url}/billing/api/users/auth.json`, dForm(['username=ann', 'vars[password]=secret-1', 'type=client']));
      expect(client.body).toBe('{"response":true}');
    });

    it('users/add, get, edit, delete', async () => {
      const add = await call(`${gw.url}/billing/api/users/add.json`, dForm(['vars[username]=carl', 'vars[new_password]=secret-2', 'vars[confirm_password]=secret-2']));
      expect(add.status).toBe(200);
      const id = (JSON.parse(add.body) as { response: string }).response;
      expect(id).toMatch(/^\d+$/);
      const mismatch = await call(`${gw.url}/billing/api/users/add.json`, dForm(['vars[username]=dora', 'vars[new_password]=secret-2', 'vars[confirm_password]=other-22']));
      expect(JSON.parse(mismatch.body)).toMatchObject({ errors: { confirm_password: { matches: 'The passwords do not match.' } } });
      const edit = await call(`${gw.url}/billing/api/users/edit.json`, dForm([`user_id=${id}`, 'vars[username]=carl2'], 'PUT'));
      expect(edit.body).toBe('{"response":null}');
      expect(await json(`users/get.json?user_id=${id}`)).toMatchObject({ response: { id, username: 'carl2' } });
      expect(await json('users/getByUsername.json?username=carl2')).toMatchObject({ response: { id, username: 'carl2', two_factor_mode: 'none' } });
      const missing = await call(`${gw.url}/billing/api/users/edit.json`, dForm(['user_id=999', 'vars[username]=x'], 'PUT'));
      expect(JSON.parse(missing.body)).toMatchObject({ errors: { user_id: { exists: 'Invalid user ID.' } } });
      // SDKs send DELETE arguments as a form body; Blesta reads only the query, the gateway takes both.
      const del = await call(`${gw.url}/billing/api/users/delete.json`, dForm([`user_id=${id}`], 'DELETE'));
      expect(del.body).toBe('{"response":null}');
      expect(await json(`users/get.json?user_id=${id}`)).toEqual({ response: false });
      const clientUser = await call(`${gw.url}/billing/api/users/delete.json?user_id=1`, { method: 'DELETE', headers: auth });
      expect(JSON.parse(clientUser.body)).toMatchObject({ errors: { user_id: { deleteable: expect.any(String) } } });
    });
  });

  describe('clients reads in three formats', () => {
    it('get in json, xml and php; a missing client is {"response":false}', async () => {
      expect(await json('clients/get.json?client_id=1')).toMatchObject({ response: { id: '1', first_name: 'Ann' } });
      const xml = await get('clients/get.xml?client_id=1&get_settings=false');
      expect(xml.body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<clients>\n\t<response>\n\t\t<id>1</id>\n\t\t<id_format>{num}</id_format>')).toBe(true);
      const php = await get('clients/get.php?client_id=1');
      expect(php.body.startsWith('a:1:{s:8:"response";O:8:"stdClass":')).toBe(true);
      expect(php.body).toContain('s:10:"first_name";s:3:"Ann";');
      expect((await get('clients/get.json?client_id=999')).body).toBe('{"response":false}');
    });

    it('getList pages and sorts with order_by[field]; getListCount is an integer; search and getAll', async () => {
      for (const n of [2, 3]) {
        const r = await call(
          `${gw.url}/billing/api/clients/create.json`,
          { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ vars: { username: `user${n}`, new_password: 'secret-9', first_name: `Zed${n}`, last_name: 'Q', email: `z${n}@example.com` } }) },
        );
        expect(r.status).toBe(200);
      }
      const list = (await json('clients/getList.json?order_by[first_name]=DESC')).response as Array<Record<string, string>>;
      expect(list.map((c) => c.first_name)).toEqual(['Zed3', 'Zed2', 'Ann']);
      expect(await json('clients/getList.json?page=2')).toEqual({ response: [] });
      expect(await json('clients/getListCount.json?status=active')).toEqual({ response: 3 });
      expect(((await json('clients/search.json?query=zed')).response as unknown[]).length).toBe(2);
      expect(((await json('clients/getList.json?filters[contact_email]=Z2@EXAMPLE')).response as Array<{ first_name: string }>).map((c) => c.first_name)).toEqual(['Zed2']);
      expect(await json('clients/getListCount.json?filters[contact_name]=zed3%20q')).toEqual({ response: 1 });
      expect(await json('clients/getListCount.json?status=fraud')).toEqual({ response: 0 });
      expect(((await json('clients/getAll.json')).response as unknown[]).length).toBe(3);
      const xml = await get('clients/getList.xml?order_by[id]=ASC');
      expect(xml.body).toContain('<clients>\n\t\n\t<response>\n\t\t\t<id>1</id>');
      const php = await get('clients/getList.php');
      expect(php.body.startsWith('a:1:{s:8:"response";a:3:{i:0;O:8:"stdClass":')).toBe(true);
    });

    it('add, edit and delete a client', async () => {
      const user = await call(`${gw.url}/billing/api/users/add.json`, dForm(['vars[username]=erin', 'vars[new_password]=secret-3']));
      const userId = (JSON.parse(user.body) as { response: string }).response;
      const add = await call(`${gw.url}/billing/api/clients/add.xml`, dForm([`vars[user_id]=${userId}`, 'vars[client_group_id]=1']));
      expect(add.status).toBe(200);
      const id = /<response>(\d+)<\/response>/.exec(add.body)?.[1];
      expect(id).toMatch(/^\d+$/);
      const bad = await call(`${gw.url}/billing/api/clients/add.json`, dForm(['vars[user_id]=999']));
      expect(JSON.parse(bad.body)).toMatchObject({ errors: { user_id: { exists: expect.any(String) } } });
      const edit = await call(`${gw.url}/billing/api/clients/edit.json`, dForm([`client_id=${id}`, 'vars[status]=inactive'], 'PUT'));
      expect(edit.body).toBe('{"response":null}');
      const badStatus = await call(`${gw.url}/billing/api/clients/edit.json`, dForm([`client_id=${id}`, 'vars[status]=weird'], 'PUT'));
      expect(JSON.parse(badStatus.body)).toMatchObject({ errors: { status: { format: 'Invalid status.' } } });
      // One client's read (one joined query) answers what the list's batched lookups answer, for a client without a contact too.
      const all = (await json('clients/getAll.json')).response as Array<{ id: string; first_name: string | null }>;
      expect(all.find((c) => c.id === id)).toMatchObject({ first_name: null, status: 'inactive', username: 'erin' });
      for (const row of all) expect(await json(`clients/get.json?client_id=${row.id}&get_settings=false`)).toEqual({ response: row });
      const del = await call(`${gw.url}/billing/api/clients/delete.json?client_id=${id}`, { method: 'DELETE', headers: auth });
      expect(del.body).toBe('{"response":null}');
      const again = await call(`${gw.url}/billing/api/clients/delete.json?client_id=${id}`, { method: 'DELETE', headers: auth });
      expect(JSON.parse(again.body)).toMatchObject({ errors: { client_id: { exists: 'Invalid client ID.' } } });
    });
  });

  describe('contacts, companies, currencies', () => {
    it('contacts add/get/getList/getListCount/getAll/edit/delete', async () => {
      const add = await call(`${gw.url}/billing/api/contacts/add.json`, dForm(['vars[client_id]=1', 'vars[contact_type]=billing', 'vars[first_name]=Bill', 'vars[last_name]=Payer', 'vars[email]=bill@example.com']));
      const id = (JSON.parse(add.body) as { response: string }).response;
      expect(await json(`contacts/get.json?contact_id=${id}`)).toMatchObject({ response: { id, client_id: '1', contact_type: 'billing', first_name: 'Bill' } });
      expect(await json('contacts/getListCount.json?client_id=1')).toEqual({ response: 2 });
      expect(((await json('contacts/getList.json?client_id=1')).response as Array<{ last_name: string }>).map((c) => c.last_name)).toEqual(['Lee', 'Payer']);
      expect(((await json('contacts/getAll.json?client_id=1&contact_type=billing')).response as unknown[]).length).toBe(1);
      const bad = await call(`${gw.url}/billing/api/contacts/add.json`, dForm(['vars[client_id]=1', 'vars[first_name]=', 'vars[last_name]=X', 'vars[email]=x@example.com']));
      expect(JSON.parse(bad.body)).toMatchObject({ errors: { first_name: { empty: 'Please enter a first name.' } } });
      expect((await call(`${gw.url}/billing/api/contacts/edit.json`, dForm([`contact_id=${id}`, 'vars[city]=Oslo'], 'PUT'))).body).toBe('{"response":null}');
      expect(await json(`contacts/get.json?contact_id=${id}`)).toMatchObject({ response: { city: 'Oslo' } });
      expect((await call(`${gw.url}/billing/api/contacts/delete.json?contact_id=${id}`, { method: 'DELETE', headers: auth })).body).toBe('{"response":null}');
      expect(await json(`contacts/get.json?contact_id=${id}`)).toEqual({ response: false });
      const primary = await call(`${gw.url}/billing/api/contacts/delete.json?contact_id=1`, { method: 'DELETE', headers: auth });
      expect(JSON.parse(primary.body)).toMatchObject({ errors: { contact_id: { primary: expect.any(String) } } });
    });

    it('companies and currencies of the key’s own company only', async () => {
      expect(await json('companies/get.json?company_id=1')).toMatchObject({ response: { id: '1', name: 'Hostgate' } });
      expect(await json('companies/get.json?company_id=2')).toEqual({ response: false });
      expect(await json('companies/getListCount.json')).toEqual({ response: 1 });
      expect(((await json('companies/getAll.json')).response as unknown[]).length).toBe(1);
      expect(((await json('companies/getList.json')).response as unknown[]).length).toBe(1);
      const settings = (await json('companies/getSettings.json?company_id=1')).response as Array<{ key: string; value: string }>;
      expect(settings).toContainEqual({ key: 'timezone', value: 'UTC', encrypted: '0', company_id: '1', inherit: '1' });
      expect(await json('currencies/get.json?currency_code=USD&company_id=1')).toMatchObject({ response: { code: 'USD', company_id: '1', precision: '2', prefix: '$' } });
      expect(await json('currencies/getAll.json?company_id=2')).toEqual({ response: [] });
    });
  });

  describe('invoices', () => {
    it('the seed invoices/add curl example with exactly its -d lines', async () => {
      const r = await call(
        `${gw.url}/billing/api/invoices/add.json`,
        dForm([
          'vars[client_id]=1',
          'vars[date_billed]=2013-11-20T16:43:00-07:00',
          'vars[date_due]=2013-11-20T16:43:00-07:00',
          'vars[currency]=USD',
          'vars[lines][0][description]=Line item #1',
          'vars[lines][0][amount]=5.99',
          'vars[lines][1][description]=Line item #2',
          'vars[lines][1][amount]=3.75',
          'vars[lines][1][qty]=2',
          'vars[delivery][0]=email',
        ]),
      );
      expect(r.status).toBe(200);
      const id = (JSON.parse(r.body) as { response: string }).response;
      expect(id).toBe('1');
      const inv = (await json(`invoices/get.json?invoice_id=${id}`)).response as Record<string, unknown>;
      expect(inv).toMatchObject({ id: '1', id_code: '1', client_id: '1', date_billed: '2013-11-20 23:43:00', subtotal: '13.4900', total: '13.4900', paid: '0.0000', due: '13.4900', currency: 'USD', status: 'active' });
      expect(inv['line_items']).toEqual([
        expect.objectContaining({ description: 'Line item #1', qty: '1.0000', amount: '5.9900', order: '0' }),
        expect.objectContaining({ description: 'Line item #2', qty: '2.0000', amount: '3.7500', order: '1' }),
      ]);
      expect(inv['delivery']).toEqual([expect.objectContaining({ method: 'email', date_sent: null })]);
      expect(await json(`invoices/amountDue.json?invoice_id=${id}`)).toEqual({ response: '13.4900' });
    });

    it('validation errors and not found', async () => {
      const bad = await call(`${gw.url}/billing/api/invoices/add.json`, dForm(['vars[client_id]=1', 'vars[date_billed]=yesterday', 'vars[date_due]=2024-01-01', 'vars[currency]=USD']));
      expect(JSON.parse(bad.body)).toMatchObject({ errors: { date_billed: { format: 'Invalid bill date.' } } });
      const noClient = await call(`${gw.url}/billing/api/invoices/add.json`, dForm(['vars[client_id]=99', 'vars[date_billed]=2024-01-01', 'vars[date_due]=2024-01-01', 'vars[currency]=USD']));
      expect(JSON.parse(noClient.body)).toMatchObject({ errors: { client_id: { exists: 'Invalid client ID.' } } });
      expect((await get('invoices/get.json?invoice_id=999')).body).toBe('{"response":false}');
    });

    it('edit updates, deletes and adds lines; void; getList and getListCount', async () => {
      const inv = (await json('invoices/get.json?invoice_id=1')).response as { line_items: Array<{ id: string }> };
      const [first, second] = inv.line_items.map((l) => l.id);
      const edit = await call(
        `${gw.url}/billing/api/invoices/edit.json`,
        dForm(['invoice_id=1', `vars[lines][0][id]=${first}`, 'vars[lines][0][description]=Changed', 'vars[lines][0][amount]=10', `vars[lines][1][id]=${second}`, 'vars[lines][2][description]=New', 'vars[lines][2][amount]=0.01'], 'PUT'),
      );
      expect(edit.body).toBe('{"response":"1"}');
      const after = (await json('invoices/get.json?invoice_id=1')).response as { total: string; line_items: Array<{ description: string }> };
      expect(after.line_items.map((l) => l.description)).toEqual(['Changed', 'New']);
      expect(after.total).toBe('10.0100');
      expect(await json('invoices/getListCount.json?client_id=1&status=open')).toEqual({ response: 1 });
      const list = (await json('invoices/getList.json?status=all')).response as Array<Record<string, string>>;
      expect(list[0]).toMatchObject({ id: '1', client_id_code: '1500', client_first_name: 'Ann', due: '10.0100' });
      expect((await get('invoices/getList.xml?status=all')).body).toContain('<invoices>\n\t\n\t<response>');
      expect((await get('invoices/getList.php?status=all')).body.startsWith('a:1:{s:8:"response";a:1:{i:0;O:8:"stdClass":')).toBe(true);
      const del = await call(`${gw.url}/billing/api/clients/delete.json?client_id=1`, { method: 'DELETE', headers: auth });
      expect(JSON.parse(del.body)).toMatchObject({ errors: { client_id: { deleteable: expect.any(String) } } });
      expect((await call(`${gw.url}/billing/api/invoices/void.json`, dForm(['invoice_id=1']))).body).toBe('{"response":null}');
      expect(await json('invoices/amountDue.json?invoice_id=1')).toEqual({ response: '0.0000' });
      const twice = await call(`${gw.url}/billing/api/invoices/void.json`, dForm(['invoice_id=1']));
      expect(JSON.parse(twice.body)).toMatchObject({ errors: { invoice_id: { voidable: expect.any(String) } } });
    });

    it('20 concurrent adds never share an id or id_code', async () => {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(`${gw.url}/billing/api/invoices/add.json`, dForm(['vars[client_id]=2', 'vars[date_billed]=2024-01-01 00:00:00 UTC', 'vars[date_due]=2024-02-01', 'vars[currency]=USD', `vars[lines][0][description]=n${i}`, 'vars[lines][0][amount]=1'])),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
      const ids = replies.map((r) => (JSON.parse(r.body) as { response: string }).response);
      expect(new Set(ids).size).toBe(20);
      const codes = ((await json('invoices/getList.json?client_id=2&status=all&page=1')).response as Array<{ id_code: string }>).map((i) => i.id_code);
      expect(new Set(codes).size).toBe(20);
    });
  });

  describe('protocol', () => {
    it('403 for a method that exists but is not callable', async () => {
      const r = await get('clients/getRules.json');
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ message: 'The requested resource is not accessible.', response: null });
      expect((await get('users/__construct.json')).status).toBe(403);
    });

    it('method names are case-insensitive; a string for an array parameter is a 500', async () => {
      expect((await get('clients/getlistcount.json')).body).toBe('{"response":3}');
      const r = await call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars=oops']));
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({ message: 'An unexpected error occured.', response: 'Clients::create(): Argument #1 ($vars) must be of type array, string given' });
    });

    it('503 while the maintenance setting is on, in the requested format', async () => {
      const settings = gw.app.get(DataSource).getRepository(SettingEntity);
      await settings.save({ key: 'billing.maintenance', value: 'true' });
      try {
        const r = await get('clients/getListCount.xml');
        expect(r.status).toBe(503);
        expect(r.body).toContain('<message>The requested resource is currently unavailable due to maintenance.</message>');
      } finally {
        await settings.delete({ key: 'billing.maintenance' });
      }
      expect((await get('clients/getListCount.json')).status).toBe(200);
    });

    it('/openapi/billing.json has a path per registered method', async () => {
      const doc = JSON.parse((await call(`${gw.url}/openapi/billing.json`)).body) as { paths: Record<string, Record<string, unknown>> };
      for (const p of ['/billing/api/clients/create.{format}', '/billing/api/invoices/add.{format}', '/billing/api/users/auth.{format}', '/billing/api/currencies/getAll.{format}']) {
        expect(doc.paths[p]).toBeDefined();
      }
      expect(Object.keys(doc.paths['/billing/api/clients/get.{format}'])).toEqual(['get']);
    });
  });

  describe('client settings', () => {
    it("clients/get: the defaults, the company's inherited settings and the client's own, own ones winning, in key order", async () => {
      const created = await call(
        `${gw.url}/billing/api/clients/create.json`,
        dForm([
          'vars[username]=settings-client',
          'vars[new_password]=secret-1',
          'vars[first_name]=Set',
          'vars[last_name]=Tings',
          'vars[email]=set@example.com',
          'vars[settings][zeta]=last',
          'vars[settings][language]=de_de',
          'vars[settings][Alpha]=upper',
          'vars[settings][alpha]=lower',
          'vars[settings][tax_exempt]=true',
        ]),
      );
      expect(created.status).toBe(200);
      const id = (JSON.parse(created.body) as { response: { id: string } }).response.id;
      const companySettings = gw.app.get(DataSource).getRepository(CompanySettingEntity);
      const before = await companySettings.findOneByOrFail({ companyId: 1, key: 'default_currency' });
      await companySettings.update({ companyId: 1, key: 'default_currency' }, { value: 'EUR' });
      await companySettings.delete({ companyId: 1, key: 'language' });
      try {
        const { settings } = (await json(`clients/get.json?client_id=${id}`)).response as { settings: Record<string, string> };
        // Inherited keys first (defaults and company values, overridden in place), then the client's
        // others in byte order: language among them, now that the company has none.
        expect(Object.entries(settings)).toEqual([
          ['autodebit', 'true'],
          ['autosuspend', 'true'],
          ['default_currency', 'EUR'],
          ['inv_method', 'email'],
          ['tax_exempt', 'true'],
          ['tax_id', ''],
          ['Alpha', 'upper'],
          ['alpha', 'lower'],
          ['language', 'de_de'],
          ['zeta', 'last'],
        ]);
        // A client without settings of its own: what the company has, and the defaults (no language row now).
        const { settings: plain } = (await json('clients/get.json?client_id=1')).response as { settings: Record<string, string> };
        expect(plain).toEqual({ autodebit: 'true', autosuspend: 'true', default_currency: 'EUR', inv_method: 'email', tax_exempt: 'false', tax_id: '' });
        expect(Object.keys(plain)).toEqual(['autodebit', 'autosuspend', 'default_currency', 'inv_method', 'tax_exempt', 'tax_id']);
      } finally {
        await companySettings.update({ companyId: 1, key: 'default_currency' }, { value: before.value });
        await companySettings.save({ companyId: 1, key: 'language', value: 'en_us' });
      }
      const { settings: restored } = (await json(`clients/get.json?client_id=${id}`)).response as { settings: Record<string, string> };
      expect(restored).toMatchObject({ default_currency: before.value, language: 'de_de' });
      expect(Object.keys(restored)).toEqual(['autodebit', 'autosuspend', 'default_currency', 'inv_method', 'language', 'tax_exempt', 'tax_id', 'Alpha', 'alpha', 'zeta']);
    });
  });
});
