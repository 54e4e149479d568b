import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CredentialService } from '@hostgate/shared/auth';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

const AUTH = basic(CREDS.billingUser, CREDS.billingKey);

/** A urlencoded body from raw `k=v` pairs, as curl -d sends them. */
const post = (pairs: readonly string[], method = 'POST', auth = AUTH): RequestInit => ({
  method,
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
  body: pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&'),
});

describe('billing (Blesta): formats, bad input, company scoping, time zones, encryption', () => {
  let gw: TestGateway;
  const get = (path: string, auth = AUTH) => call(`${gw.url}/billing/api/${path}`, { headers: { authorization: auth } });

  beforeAll(async () => {
    gw = await startTestGateway({ BODY_LIMIT_BYTES: '4096' });
    const ok = await call(
      `${gw.url}/billing/api/clients/create.json`,
      post(['vars[username]=first', 'vars[new_password]=secret-1', 'vars[first_name]=First', 'vars[last_name]=Client', 'vars[email]=first@example.com']),
    );
    expect(ok.status).toBe(200);
  });
  afterAll(() => gw.close());

  describe('get, getList and add in json, xml and php', () => {
    const adds: Record<string, readonly string[]> = {
      users: ['vars[username]=u-{n}', 'vars[new_password]=secret-1'],
      clients: [],
      contacts: ['vars[client_id]=1', 'vars[first_name]=C{n}', 'vars[last_name]=L', 'vars[email]=c{n}@example.com'],
      invoices: ['vars[client_id]=1', 'vars[date_billed]=2024-01-01T00:00:00Z', 'vars[date_due]=2024-01-31T00:00:00Z', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=10'],
    };
    let n = 0;
    const addFor = async (model: string, format: string) => {
      n += 1;
      if (model === 'clients') {
        const user = await call(`${gw.url}/billing/api/users/add.json`, post([`vars[username]=cu-${n}`, 'vars[new_password]=secret-1']));
        return call(`${gw.url}/billing/api/clients/add.${format}`, post([`vars[user_id]=${(JSON.parse(user.body) as { response: string }).response}`]));
      }
      return call(`${gw.url}/billing/api/${model}/add.${format}`, post(adds[model].map((p) => p.replace('{n}', String(n)))));
    };

    it.each(['users', 'clients', 'contacts', 'invoices'])('%s/add answers the new id as a string in each format', async (model) => {
      const root = model;
      const json = await addFor(model, 'json');
      expect(json.status).toBe(200);
      expect(json.body).toMatch(/^\{"response":"\d+"\}$/);
      const xml = await addFor(model, 'xml');
      expect(xml.status).toBe(200);
      expect(xml.body).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8" \\?>\\n<${root}>\\n\\t<response>\\d+</response>\\n</${root}>$`));
      const php = await addFor(model, 'php');
      expect(php.status).toBe(200);
      expect(php.body).toMatch(/^a:1:\{s:8:"response";s:\d+:"\d+";\}$/);
    });

    it.each([
      ['users', 'user_id=1'],
      ['clients', 'client_id=1'],
      ['contacts', 'contact_id=1'],
      ['invoices', 'invoice_id=1'],
    ])('%s/get answers a stdClass row in each format', async (model, query) => {
      const json = JSON.parse((await get(`${model}/get.json?${query}`)).body) as { response: Record<string, unknown> };
      expect(json.response['id']).toBe('1');
      const xml = await get(`${model}/get.xml?${query}`);
      expect(xml.body.startsWith(`<?xml version="1.0" encoding="UTF-8" ?>\n<${model}>\n\t<response>\n\t\t<id>1</id>\n`)).toBe(true);
      const php = await get(`${model}/get.php?${query}`);
      expect(php.body.startsWith('a:1:{s:8:"response";O:8:"stdClass":')).toBe(true);
      expect(php.body).toContain('s:2:"id";s:1:"1";');
    });

    it.each([
      ['clients', ''],
      ['contacts', 'client_id=1'],
      ['invoices', 'status=all'],
    ])('%s/getList answers a list of rows in each format', async (model, query) => {
      const json = JSON.parse((await get(`${model}/getList.json?${query}`)).body) as { response: Array<Record<string, unknown>> };
      expect(json.response.length).toBeGreaterThan(0);
      expect(json.response.every((r) => typeof r['id'] === 'string')).toBe(true);
      const xml = await get(`${model}/getList.xml?${query}`);
      // Blesta's encoder: an empty tab-indented line, then one <response> per row, inner fields two levels deeper.
      expect(xml.body.startsWith(`<?xml version="1.0" encoding="UTF-8" ?>\n<${model}>\n\t\n\t<response>\n\t\t\t<id>`)).toBe(true);
      const php = await get(`${model}/getList.php?${query}`);
      expect(php.body).toMatch(new RegExp(`^a:1:\\{s:8:"response";a:${json.response.length}:\\{i:0;O:8:"stdClass":`));
    });

    it('an empty list is [] in json and <response /> in xml; a count is an integer', async () => {
      expect((await get('invoices/getList.json?status=draft')).body).toBe('{"response":[]}');
      expect((await get('invoices/getList.xml?status=draft')).body).toBe('<?xml version="1.0" encoding="UTF-8" ?>\n<invoices>\n\t<response />\n</invoices>');
      expect((await get('invoices/getListCount.php?status=draft')).body).toBe('a:1:{s:8:"response";i:0;}');
    });
  });

  describe('bad input', () => {
    it('errors requested as xml and php keep the Blesta envelope', async () => {
      const xml = await call(`${gw.url}/billing/api/contacts/add.xml`, post(['vars[client_id]=1', 'vars[last_name]=L', 'vars[email]=x@example.com']));
      expect(xml.status).toBe(400);
      expect(xml.body).toBe(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<contacts>\n\t<message>The request cannot be fulfilled due to bad syntax.</message>\n\t<errors>\n\t\t<first_name>\n\t\t\t<empty>Please enter a first name.</empty>\n\t\t</first_name>\n\t</errors>\n\t<response />\n</contacts>',
      );
      const php = await call(`${gw.url}/billing/api/contacts/add.php`, post(['vars[client_id]=1', 'vars[last_name]=L', 'vars[email]=x@example.com']));
      expect(php.status).toBe(400);
      expect(php.body).toBe('a:3:{s:7:"message";s:50:"The request cannot be fulfilled due to bad syntax.";s:6:"errors";a:1:{s:10:"first_name";a:1:{s:5:"empty";s:26:"Please enter a first name.";}}s:8:"response";N;}');
      const missing = await get('nosuch/get.php');
      expect(missing.status).toBe(404);
      expect(missing.body).toBe('a:2:{s:7:"message";s:38:"The requested resource does not exist.";s:8:"response";N;}');
    });

    it('malformed brackets are read as PHP parse_str reads them, and answered in the envelope', async () => {
      // PHP turns the unclosed "vars[first_name" into "vars_first_name" and drops "[email]" (no name),
      // so vars is not set at all: Blesta's missing-default 500.
      const r = await call(`${gw.url}/billing/api/clients/create.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH }, body: 'vars[first_name=Ann&[email]=a@example.com' });
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({ message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' });
      // "user_id]" is a plain name with a bracket in it, not user_id.
      const unclosed = await call(`${gw.url}/billing/api/users/get.json?user_id]=1`, { headers: { authorization: AUTH } });
      expect(unclosed.status).toBe(500);
      expect(JSON.parse(unclosed.body)).toEqual({ message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' });
      // Names are url-decoded before they are read (user%5Fid is user_id).
      const encoded = await call(`${gw.url}/billing/api/users/get.json?user%5Fid=1`, { headers: { authorization: AUTH } });
      expect(JSON.parse(encoded.body)).toMatchObject({ response: { id: '1' } });
      // A text after "]" that is not "[" is ignored: vars[first_name]x is vars[first_name].
      const trailing = await call(
        `${gw.url}/billing/api/contacts/add.json`,
        post(['vars[client_id]x=999999', 'vars[first_name]junk=Ann', 'vars[last_name]=Lee', 'vars[email]=ann@example.com']),
      );
      expect(JSON.parse(trailing.body)).toEqual({ message: 'The request cannot be fulfilled due to bad syntax.', errors: { client_id: { exists: 'Invalid client ID.' } }, response: null });
    });

    it('deeply nested brackets: 64 levels are kept, the 65th drops the whole variable (max_input_nesting_level)', async () => {
      const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH };
      const kept = await call(`${gw.url}/billing/api/contacts/add.json`, { method: 'POST', headers, body: `vars[client_id]=1&vars${'[a]'.repeat(64)}=1` });
      expect(kept.status).toBe(400);
      expect(JSON.parse(kept.body)).toMatchObject({ message: 'The request cannot be fulfilled due to bad syntax.', errors: { first_name: { empty: 'Please enter a first name.' } } });
      const dropped = await call(`${gw.url}/billing/api/contacts/add.json`, { method: 'POST', headers, body: `vars[client_id]=1&vars${'[a]'.repeat(65)}=1` });
      expect(dropped.status).toBe(500);
      expect(JSON.parse(dropped.body)).toEqual({ message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' });
      const veryDeep = await call(`${gw.url}/billing/api/contacts/add.xml`, { method: 'POST', headers, body: `vars${'['.repeat(600)}=1&vars${'[a]'.repeat(600)}=1` });
      expect(veryDeep.status).toBe(500);
      expect(veryDeep.body).toContain('<message>An unexpected error occured.</message>');
    });

    it('a body over the size limit answers a Blesta 400 in the requested format', async () => {
      const r = await call(`${gw.url}/billing/api/contacts/add.xml`, post(['vars[client_id]=1', `vars[first_name]=${'x'.repeat(8000)}`]));
      expect(r.status).toBe(400);
      expect(r.body).toContain('<message>The request cannot be fulfilled due to bad syntax.</message>');
    });

    it('wrong types: a non-numeric id is PHP (int) 0, found nowhere; a scalar where lines are expected is a format error', async () => {
      expect((await get('clients/get.json?client_id=abc')).body).toBe('{"response":false}');
      expect((await get('invoices/getList.json?client_id[]=1')).status).toBe(200);
      const lines = await call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01', 'vars[date_due]=2024-01-01', 'vars[currency]=USD', 'vars[lines]=oops']));
      expect(JSON.parse(lines.body)).toMatchObject({ errors: { lines: { format: 'Invalid line items.' } } });
      const amount = await call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01', 'vars[date_due]=2024-01-01', 'vars[currency]=USD', 'vars[lines][0][description]=x', 'vars[lines][0][amount]=ten']));
      expect(JSON.parse(amount.body)).toMatchObject({ errors: { 'lines[][amount]': { format: 'The unit cost must be a number.' } } });
    });

    it('unknown models and path tricks in the model segment are a 404, never a file', async () => {
      for (const model of ['nosuch', '..%2F..%2Fetc%2Fpasswd', 'CLIENTS', 'clients%00', '%2e%2e', 'clients.php', 'constructor', '__proto__']) {
        const r = await get(`${model}/get.json?client_id=1`);
        expect([model, r.status]).toEqual([model, 404]);
        expect(JSON.parse(r.body)).toEqual({ message: 'The requested resource does not exist.', response: null });
      }
      // CamelCase and snake_case both reach the model, as Loader::toCamelCase allows.
      expect((await get('Clients/getListCount.json')).status).toBe(200);
    });

    it('multipart bodies are read like PHP fills $_POST, brackets included; file parts are ignored', async () => {
      const fd = new FormData();
      fd.append('vars[client_id]', '1');
      fd.append('vars[first_name]', 'Multi');
      fd.append('vars[last_name]', 'Part');
      fd.append('vars[email]', 'multi@example.com');
      fd.append('upload', new Blob(['ignored']), 'x.txt');
      const r = await call(`${gw.url}/billing/api/contacts/add.json`, { method: 'POST', headers: { authorization: AUTH }, body: fd });
      expect(r.status).toBe(200);
      const id = (JSON.parse(r.body) as { response: string }).response;
      expect(JSON.parse((await get(`contacts/get.json?contact_id=${id}`)).body)).toMatchObject({ response: { first_name: 'Multi', last_name: 'Part' } });
    });

    it.each([
      ['users/edit.json', 'PUT', ['user_id=999', 'vars[username]=x'], 'user_id'],
      ['users/delete.json?user_id=999', 'DELETE', [], 'user_id'],
      ['clients/edit.json', 'PUT', ['client_id=999', 'vars[status]=active'], 'client_id'],
      ['clients/delete.json?client_id=999', 'DELETE', [], 'client_id'],
      ['contacts/add.json', 'POST', ['vars[client_id]=999', 'vars[first_name]=A', 'vars[last_name]=B', 'vars[email]=a@example.com'], 'client_id'],
      ['contacts/edit.json', 'PUT', ['contact_id=999', 'vars[city]=x'], 'contact_id'],
      ['contacts/delete.json?contact_id=999', 'DELETE', [], 'contact_id'],
      ['invoices/edit.json', 'PUT', ['invoice_id=999', 'vars[note_public]=x'], 'invoice_id'],
      ['invoices/void.json', 'POST', ['invoice_id=999'], 'invoice_id'],
      ['transactions/apply.json', 'POST', ['transaction_id=999', 'vars[amounts][0][invoice_id]=1', 'vars[amounts][0][amount]=1'], 'transaction_id'],
      ['packages/edit.json', 'PUT', ['package_id=999', 'vars[status]=active'], 'package_id'],
      ['services/edit.json', 'PUT', ['service_id=999', 'vars[qty]=1'], 'service_id'],
      ['services/unsuspend.json', 'POST', ['service_id=999'], 'service_id'],
      ['services/cancel.json', 'POST', ['service_id=999', 'vars[date_canceled]=end_of_term'], 'service_id'],
    ] as const)('not found: %s answers 400 {%s: {exists}}', async (path, method, pairs, field) => {
      const r = await call(`${gw.url}/billing/api/${path}`, post(pairs, method));
      expect(r.status).toBe(400);
      const body = JSON.parse(r.body) as { errors: Record<string, Record<string, string>>; response: unknown };
      expect(Object.keys(body.errors)).toEqual([field]);
      expect(Object.keys(body.errors[field])).toEqual(['exists']);
      expect(body.response).toBeNull();
    });

    it.each([
      'users/get.json?user_id=999',
      'users/getByUsername.json?username=nobody',
      'clients/get.json?client_id=999',
      'contacts/get.json?contact_id=999',
      'companies/get.json?company_id=999',
      'currencies/get.json?currency_code=XXX&company_id=1',
      'invoices/get.json?invoice_id=999',
      'invoices/amountDue.json?invoice_id=999',
      'transactions/get.json?transaction_id=999',
      'packages/get.json?package_id=999',
      'services/get.json?service_id=999',
    ])('not found: %s is 200 {"response":false}', async (path) => {
      const r = await get(path);
      expect([r.status, r.body]).toEqual([200, '{"response":false}']);
    });

    it('a JSON body that does not parse leaves the parameters unset', async () => {
      const r = await call(`${gw.url}/billing/api/users/add.json`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTH }, body: '{"vars": {' });
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toMatchObject({ response: 'Internal error: Failed to retrieve the default value' });
    });
  });

  describe('company scoping and time zones', () => {
    let otherAuth: string;

    beforeAll(async () => {
      const ds = gw.app.get(DataSource);
      await ds.query(`INSERT INTO companies (key, name, hostname, timezone) VALUES ('other', 'Other Co', 'other.example', 'UTC')`);
      const [{ id }] = (await ds.query(`SELECT id FROM companies WHERE key = 'other'`)) as Array<{ id: number | string }>;
      const companyId = Number(id);
      await ds.query(`INSERT INTO client_groups (company_id, name, description) VALUES (${companyId}, 'Other group', '')`);
      await ds.query(`INSERT INTO currencies (code, company_id, format, precision, prefix, suffix) VALUES ('EUR', ${companyId}, '#.###,##', 2, '', ' EUR')`);
      await ds.query(`INSERT INTO company_settings (company_id, key, value) VALUES (${companyId}, 'timezone', 'America/New_York'), (${companyId}, 'default_currency', 'EUR')`);
      const cred = await gw.app.get(CredentialService).create({ kind: 'billing_api_key', identifier: 'other-api', secret: 'fedcba9876543210fedcba9876543210', companyId });
      otherAuth = basic('other-api', cred.secret);
      const [{ id: groupId }] = (await ds.query(`SELECT id FROM client_groups WHERE company_id = ${companyId}`)) as Array<{ id: number | string }>;
      const r = await call(
        `${gw.url}/billing/api/clients/create.json`,
        post(['vars[username]=other-client', 'vars[new_password]=secret-1', `vars[client_group_id]=${groupId}`, 'vars[first_name]=O', 'vars[last_name]=C', 'vars[email]=o@example.com'], 'POST', otherAuth),
      );
      expect(r.status).toBe(200);
    });

    it("a key sees and changes only its own company's clients and invoices", async () => {
      const mine = JSON.parse((await get('clients/getAll.json', otherAuth)).body) as { response: Array<{ first_name: string }> };
      expect(mine.response.map((c) => c.first_name)).toEqual(['O']);
      expect((await get('clients/get.json?client_id=1', otherAuth)).body).toBe('{"response":false}');
      expect((await get('invoices/get.json?invoice_id=1', otherAuth)).body).toBe('{"response":false}');
      expect((await get('contacts/getListCount.json?client_id=1', otherAuth)).body).toBe('{"response":0}');
      const edit = await call(`${gw.url}/billing/api/clients/edit.json`, post(['client_id=1', 'vars[status]=fraud'], 'PUT', otherAuth));
      expect(JSON.parse(edit.body)).toMatchObject({ errors: { client_id: { exists: 'Invalid client ID.' } } });
      const invoice = await call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01', 'vars[date_due]=2024-01-01', 'vars[currency]=EUR'], 'POST', otherAuth));
      expect(JSON.parse(invoice.body)).toMatchObject({ errors: { client_id: { exists: 'Invalid client ID.' } } });
      expect((await get('companies/getSettings.json?company_id=1', otherAuth)).body).toBe('{"response":[]}');
      expect(JSON.parse((await get('currencies/getAll.json?company_id=1')).body)).toMatchObject({ response: [{ code: 'USD' }] });
    });

    it('a timestamp without a zone is read in the company time zone; zoned forms are exact', async () => {
      const mine = JSON.parse((await get('clients/getAll.json', otherAuth)).body) as { response: Array<{ id: string }> };
      const clientId = mine.response[0].id;
      const add = async (billed: string) => {
        const r = await call(
          `${gw.url}/billing/api/invoices/add.json`,
          post([`vars[client_id]=${clientId}`, `vars[date_billed]=${billed}`, 'vars[date_due]=2030-01-01 00:00:00 UTC', 'vars[currency]=EUR', 'vars[lines][0][description]=x', 'vars[lines][0][amount]=1'], 'POST', otherAuth),
        );
        const id = (JSON.parse(r.body) as { response: string }).response;
        return ((JSON.parse((await get(`invoices/get.json?invoice_id=${id}`, otherAuth)).body) as { response: { date_billed: string } }).response).date_billed;
      };
      expect(await add('2024-01-15 12:00:00')).toBe('2024-01-15 17:00:00');
      expect(await add('2024-07-15 12:00:00')).toBe('2024-07-15 16:00:00');
      expect(await add('2021-12-31 12:00:00 +00:00')).toBe('2021-12-31 12:00:00');
      expect(await add('2021-12-31 12:00:00 UTC')).toBe('2021-12-31 12:00:00');
      expect(await add('2021-12-31T12:00:00Z')).toBe('2021-12-31 12:00:00');
      expect(await add('2013-11-20T16:43:00-07:00')).toBe('2013-11-20 23:43:00');
    });
  });

  describe('encryption', () => {
    it('systemEncrypt and systemDecrypt round-trip the seed example', async () => {
      const enc = await call(`${gw.url}/billing/api/encryption/systemEncrypt.json`, post(['value=my text']));
      expect(enc.status).toBe(200);
      const cipher = (JSON.parse(enc.body) as { response: string }).response;
      expect(cipher).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const dec = await call(`${gw.url}/billing/api/encryption/systemDecrypt.json`, post([`value=${cipher}`]));
      expect(dec.body).toBe('{"response":"my text"}');
    });

    it('matches PHP: AES-256-CBC under HMAC-SHA256("systemEncrypt", key) with the NUL-padded iv', async () => {
      // php -r 'echo base64_encode(openssl_encrypt("my text","aes-256-cbc",hash_hmac("sha256","k3y","systemEncrypt",true),OPENSSL_RAW_DATA,str_pad("iv-value",16,"\0")));'
      const enc = await call(`${gw.url}/billing/api/encryption/systemEncrypt.json`, post(['value=my text', 'key=k3y', 'iv=iv-value']));
      expect(enc.body).toBe('{"response":"YjumieACJ7eOEP61YPDM7Q=="}');
      const hash = await call(`${gw.url}/billing/api/encryption/systemHash.json`, post(['value=my text', 'key=k3y']));
      expect(hash.body).toBe('{"response":"be1bc6ff8543b7b60edd32298fc1572f371780d45635c3a3344e2ce7fb9b654a"}');
    });

    it('a value that does not decrypt answers false; a missing value the missing-default 500', async () => {
      const bad = await call(`${gw.url}/billing/api/encryption/systemDecrypt.json`, post(['value=b2J2aW91c2x5IG5vdCB5ZWZsbHkgZW5jcnlwdGVk']));
      expect(bad.status).toBe(200);
      expect(bad.body).toBe('{"response":false}');
      const none = await call(`${gw.url}/billing/api/encryption/systemEncrypt.json`, post(['other=1']));
      expect(none.status).toBe(500);
    });
  });

  describe('OpenAPI', () => {
    it('documents every registered method, with its query parameters or form/JSON body, and lints clean with redocly', async () => {
      const text = (await call(`${gw.url}/openapi/billing.json`)).body;
      const doc = JSON.parse(text) as { paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>> };
      const expected = [
        'clients/add', 'clients/create', 'clients/delete', 'clients/edit', 'clients/get', 'clients/getAll', 'clients/getList', 'clients/getListCount', 'clients/search',
        'companies/get', 'companies/getAll', 'companies/getList', 'companies/getListCount', 'companies/getSettings',
        'contacts/add', 'contacts/delete', 'contacts/edit', 'contacts/get', 'contacts/getAll', 'contacts/getList', 'contacts/getListCount',
        'currencies/get', 'currencies/getAll',
        'encryption/systemDecrypt', 'encryption/systemEncrypt', 'encryption/systemHash',
        'invoices/add', 'invoices/amountDue', 'invoices/edit', 'invoices/get', 'invoices/getList', 'invoices/getListCount', 'invoices/void',
        'packages/add', 'packages/delete', 'packages/edit', 'packages/get', 'packages/getAll', 'packages/getList', 'packages/getListCount',
        'services/add', 'services/cancel', 'services/edit', 'services/get', 'services/getList', 'services/getListCount', 'services/suspend', 'services/unsuspend',
        'taxes/add', 'taxes/delete', 'taxes/get', 'taxes/getAll',
        'transactions/add', 'transactions/apply', 'transactions/get', 'transactions/getApplied', 'transactions/getList', 'transactions/getListCount',
        'users/add', 'users/auth', 'users/delete', 'users/edit', 'users/get', 'users/getByUsername',
      ];
      const billingPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/billing/api/')).map((p) => p.slice('/billing/api/'.length).replace('.{format}', '')).sort();
      expect(billingPaths).toEqual([...expected].sort());
      const getList = doc.paths['/billing/api/invoices/getList.{format}']['get'];
      expect(getList.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:format', 'query:client_id', 'query:status', 'query:page', 'query:order_by']);
      expect(Object.keys(getList.responses).sort()).toEqual(['200', '400', '401', '403', '404', '415', '500', '503']);
      const add = doc.paths['/billing/api/invoices/add.{format}']['post'];
      expect(Object.keys(add.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded', 'application/json']);
      const dir = mkdtempSync(join(tmpdir(), 'billing-openapi-'));
      try {
        writeFileSync(join(dir, 'billing.json'), text);
        const out = execFileSync(process.execPath, [require.resolve('@redocly/cli/bin/cli.js'), 'lint', '--format=stylish', join(dir, 'billing.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        expect(out).not.toMatch(/error/i);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 30_000);
  });
});
