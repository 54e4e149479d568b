import { BillingUsersService } from '@hostgate/domain';
import { DataSource } from 'typeorm';
import { afterRead, beforeCall } from './interleave';
import { call, startTestGateway, type TestGateway } from './test-gateway';
import { AUTH, BAD_SYNTAX, dForm } from './billing-client';

describe('billing (Blesta): edits name every failing field in one 400; packages/getList filters', () => {
  let gw: TestGateway;
  const api = (path: string, init: RequestInit = { headers: { authorization: AUTH } }) => call(`${gw.url}/billing/api/${path}`, init);
  const response = async <T>(r: Promise<{ body: string }>): Promise<T> => (JSON.parse((await r).body) as { response: T }).response;
  const errorsOf = async (r: Promise<{ status: number; body: string }>): Promise<Record<string, Record<string, string>>> => {
    const res = await r;
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as { message: string; errors: Record<string, Record<string, string>>; response: null };
    expect(body.message).toBe(BAD_SYNTAX);
    expect(body.response).toBeNull();
    return body.errors;
  };
  let clientId: string;
  let userId: string;
  let contactId: string;
  let invoiceId: string;
  let lineId: string;
  let packageId: string;
  let serviceId: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    const client = await response<{ id: string; user_id: string }>(
      api('clients/create.json', dForm(['vars[username]=editor', 'vars[new_password]=secret-1', 'vars[first_name]=Ed', 'vars[last_name]=It', 'vars[email]=editor@example.com'])),
    );
    clientId = client.id;
    userId = client.user_id;
    contactId = await response<string>(api('contacts/add.json', dForm([`vars[client_id]=${clientId}`, 'vars[first_name]=Bill', 'vars[last_name]=Ing', 'vars[email]=billing@example.com'])));
    invoiceId = await response<string>(
      api('invoices/add.json', dForm([`vars[client_id]=${clientId}`, 'vars[date_billed]=2025-01-01 00:00:00 UTC', 'vars[date_due]=2025-02-01 00:00:00 UTC', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=10'])),
    );
    lineId = (await response<{ line_items: Array<{ id: string }> }>(api(`invoices/get.json?invoice_id=${invoiceId}`))).line_items[0].id;
    packageId = await response<string>(api('packages/add.json', dForm(['vars[name]=Web Basic', 'vars[pricing][0][price]=5', 'vars[pricing][0][currency]=USD'])));
    const pricingId = (await response<{ pricing: Array<{ id: string }> }>(api(`packages/get.json?package_id=${packageId}`))).pricing[0].id;
    serviceId = await response<string>(api('services/add.json', dForm([`vars[pricing_id]=${pricingId}`, `vars[client_id]=${clientId}`])));
  });
  afterAll(() => gw.close());

  it('users/edit names every failing field and changes nothing', async () => {
    await api('users/add.json', dForm(['vars[username]=taken', 'vars[new_password]=secret-1']));
    const errors = await errorsOf(api('users/edit.json', dForm([`user_id=${userId}`, 'vars[username]=taken', 'vars[new_password]=x', 'vars[confirm_password]=y', 'vars[two_factor_mode]=sms'], 'PUT')));
    expect(errors).toEqual({
      username: { unique: 'That username has already been taken.' },
      new_password: { format: 'Please enter a password at least 6 characters in length.' },
      confirm_password: { matches: 'The passwords do not match.' },
      two_factor_mode: { format: 'Invalid two factor mode.' },
    });
    const withCurrent = await errorsOf(api('users/edit.json', dForm([`user_id=${userId}`, 'validate_pass=true', 'vars[username]=', 'vars[new_password]=new-secret', 'vars[current_password]=wrong'], 'PUT')));
    expect(withCurrent).toEqual({ username: { empty: 'Please enter a username.' }, current_password: { matches: 'The current password is incorrect.' } });
    expect(await response(api(`users/get.json?user_id=${userId}`))).toMatchObject({ username: 'editor', two_factor_mode: 'none' });
    expect(await response(api('users/auth.json', dForm(['username=editor', 'vars[password]=secret-1'])))).toBe(true);
  });

  describe('users/edit writes what it was given to the user as it is now', () => {
    const userOf = async (id: string) => response<{ username: string; two_factor_mode: string } | false>(api(`users/get.json?user_id=${id}`));
    const addUser = (name: string) => response<string>(api('users/add.json', dForm([`vars[username]=${name}`, 'vars[new_password]=secret-1'])));
    const edit = (id: string, pairs: string[]) => api('users/edit.json', dForm([`user_id=${id}`, ...pairs], 'PUT'));

    it('keeps a field another edit changed after it read the user', async () => {
      const id = await addUser('racer');
      const renamed = await afterRead(gw.app.get(BillingUsersService), 'get', () => edit(id, ['vars[two_factor_mode]=totp']), () => edit(id, ['vars[username]=racer-2']));
      expect(renamed.body).toBe('{"response":null}');
      expect(await userOf(id)).toMatchObject({ username: 'racer-2', two_factor_mode: 'totp' });
    });

    it('does not bring back a user deleted after it read it', async () => {
      const id = await addUser('doomed');
      const edited = await afterRead(gw.app.get(BillingUsersService), 'get', () => api(`users/delete.json?user_id=${id}`, { method: 'DELETE', headers: { authorization: AUTH } }), () => edit(id, ['vars[username]=revived']));
      expect(await errorsOf(Promise.resolve(edited))).toEqual({ user_id: { exists: 'Invalid user ID.' } });
      expect(await userOf(id)).toBe(false);
      expect(await response(api('users/getByUsername.json?username=revived'))).toBe(false);
    });

    it('answers "taken" for a username another request took after the check', async () => {
      const id = await addUser('late');
      // The name is taken after the edit checked it, right before the edit's transaction opens.
      const edited = await beforeCall(gw.app.get(DataSource).manager, 'transaction', () => addUser('wanted'), () => edit(id, ['vars[username]=wanted']));
      expect(await errorsOf(Promise.resolve(edited))).toEqual({ username: { unique: 'That username has already been taken.' } });
      expect(await userOf(id)).toMatchObject({ username: 'late' });
    });

    it('refuses a username longer than the column, as users/add does', async () => {
      const id = await addUser('short');
      expect(await errorsOf(edit(id, [`vars[username]=${'u'.repeat(65)}`]))).toEqual({ username: { length: 'The username may be no longer than 64 characters.' } });
      expect(await userOf(id)).toMatchObject({ username: 'short' });
    });
  });

  it('clients/edit names every failing field and changes nothing', async () => {
    const errors = await errorsOf(api('clients/edit.json', dForm([`client_id=${clientId}`, 'vars[client_group_id]=999', 'vars[status]=asleep', 'vars[user_id]=9999', 'vars[settings]=flat'], 'PUT')));
    expect(errors).toEqual({
      client_group_id: { exists: 'Please select a valid client group.' },
      status: { format: 'Invalid status.' },
      user_id: { exists: 'The user ID given does not exist.' },
      settings: { format: 'Invalid settings.' },
    });
    const partly = await errorsOf(api('clients/edit.json', dForm([`client_id=${clientId}`, 'vars[status]=inactive', 'vars[settings][tax_id]=X1', 'vars[client_group_id]=999'], 'PUT')));
    expect(Object.keys(partly)).toEqual(['client_group_id']);
    const client = await response<{ status: string; settings: Record<string, string> }>(api(`clients/get.json?client_id=${clientId}`));
    expect(client.status).toBe('active');
    expect(client.settings['tax_id']).toBe('');
  });

  it('contacts/edit names every failing field and changes nothing', async () => {
    const errors = await errorsOf(api('contacts/edit.json', dForm([`contact_id=${contactId}`, 'vars[contact_type]=primary', 'vars[first_name]=', 'vars[email]=nope', 'vars[country]=12345'], 'PUT')));
    expect(errors).toEqual({
      contact_type: { valid: 'The primary contact type cannot be changed.' },
      first_name: { empty: 'Please enter a first name.' },
      email: { format: 'Please enter a valid email address.' },
      country: { valid: 'Please select a valid country.' },
    });
    expect(await response(api(`contacts/get.json?contact_id=${contactId}`))).toMatchObject({ first_name: 'Bill', email: 'billing@example.com', contact_type: 'billing' });
  });

  it('invoices/edit names every failing field, a failure for every bad line, and changes nothing', async () => {
    const errors = await errorsOf(
      api(
        'invoices/edit.json',
        dForm(
          [
            `invoice_id=${invoiceId}`,
            'vars[date_billed]=someday',
            'vars[status]=bogus',
            'vars[currency]=XYZ',
            'vars[lines][0][id]=999999',
            'vars[lines][0][description]=Gone',
            'vars[lines][0][amount]=1',
            'vars[lines][1][amount]=1',
            'vars[lines][2][description]=Two',
            'vars[lines][2][amount]=cheap',
            'vars[lines][3][description]=Three',
            'vars[lines][3][amount]=1',
            'vars[lines][3][qty]=many',
            'vars[delivery][]=pigeon',
          ],
          'PUT',
        ),
      ),
    );
    expect(errors).toEqual({
      date_billed: { format: 'Invalid bill date.' },
      status: { format: 'Invalid status.' },
      currency: { exists: 'Invalid currency.' },
      'lines[][description]': { empty: 'Please enter a line item description.' },
      'lines[][amount]': { format: 'The unit cost must be a number.' },
      'lines[][qty]': { format: 'The quantity must be a number.' },
      'lines[][id]': { exists: 'Invalid line item ID.' },
      delivery: { valid: 'Invalid delivery method.' },
    });
    const dates = await errorsOf(api('invoices/edit.json', dForm([`invoice_id=${invoiceId}`, 'vars[date_due]=2024-01-01 00:00:00 UTC', 'vars[status]=bogus'], 'PUT')));
    expect(dates).toEqual({ date_due: { valid: 'The due date must be on or after the bill date.' }, status: { format: 'Invalid status.' } });
    const inv = await response<{ status: string; currency: string; total: string; line_items: Array<{ id: string; description: string }> }>(api(`invoices/get.json?invoice_id=${invoiceId}`));
    expect(inv).toMatchObject({ status: 'active', currency: 'USD', total: '10.0000' });
    expect(inv.line_items.map((l) => [l.id, l.description])).toEqual([[lineId, 'Hosting']]);
    // A good edit of the same lines still works.
    expect((await api('invoices/edit.json', dForm([`invoice_id=${invoiceId}`, `vars[lines][0][id]=${lineId}`, 'vars[lines][0][description]=Hosting+', 'vars[lines][0][amount]=12'], 'PUT'))).status).toBe(200);
    expect(await response(api(`invoices/get.json?invoice_id=${invoiceId}`))).toMatchObject({ total: '12.0000' });
  });

  it('invoices/add reports the failures of every bad line, not only the first', async () => {
    const errors = await errorsOf(
      api(
        'invoices/add.json',
        dForm([
          `vars[client_id]=${clientId}`,
          'vars[date_billed]=2025-01-01',
          'vars[date_due]=2025-01-02',
          'vars[currency]=USD',
          'vars[lines][0][amount]=1',
          'vars[lines][1][description]=B',
          'vars[lines][1][amount]=x',
          'vars[lines][2][description]=C',
          'vars[lines][2][amount]=1',
          'vars[lines][2][service_id]=abc',
        ]),
      ),
    );
    expect(errors).toEqual({
      'lines[][description]': { empty: 'Please enter a line item description.' },
      'lines[][amount]': { format: 'The unit cost must be a number.' },
      'lines[][service_id]': { exists: 'Invalid service ID.' },
    });
  });

  it('packages/edit names every failing field, every bad price included, and changes nothing', async () => {
    const errors = await errorsOf(
      api('packages/edit.json', dForm([`package_id=${packageId}`, 'vars[name]=', 'vars[status]=gone', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=XYZ', 'vars[pricing][1][price]=free', 'vars[pricing][1][currency]=USD', 'vars[pricing][1][period]=fortnight', 'vars[qty]=lots'], 'PUT')),
    );
    expect(errors).toEqual({
      names: { empty: 'Please enter a package name.' },
      status: { format: 'Invalid status.' },
      qty: { format: 'Quantity must be a whole number.' },
      'pricing[][currency]': { format: 'Invalid currency.' },
      'pricing[][period]': { format: 'Invalid period.' },
      'pricing[][price]': { format: 'The price must be a number.' },
    });
    const pkg = await response<{ name: string; status: string; pricing: unknown[] }>(api(`packages/get.json?package_id=${packageId}`));
    expect(pkg).toMatchObject({ name: 'Web Basic', status: 'active' });
    expect(pkg.pricing).toHaveLength(1);
  });

  it('services/edit names every failing field and changes nothing', async () => {
    const errors = await errorsOf(api('services/edit.json', dForm([`service_id=${serviceId}`, 'vars[qty]=0', 'vars[override_price]=cheap', 'vars[date_renews]=never', 'vars[status]=sleeping'], 'PUT')));
    expect(errors).toEqual({
      qty: { valid: 'Quantity must be at least 1.' },
      override_price: { format: 'The override price must be a number.' },
      date_renews: { format: 'Invalid renew date.' },
      status: { format: 'Invalid status.' },
    });
    expect(await response(api(`services/get.json?service_id=${serviceId}`))).toMatchObject({ qty: '1', status: 'pending', override_price: null });
  });

  it('packages/getList and getListCount take filters (status, name) and agree', async () => {
    await api('packages/add.json', dForm(['vars[name]=Web Pro', 'vars[status]=inactive', 'vars[pricing][0][price]=9', 'vars[pricing][0][currency]=USD']));
    await api('packages/add.json', dForm(['vars[name]=Support', 'vars[pricing][0][price]=20', 'vars[pricing][0][currency]=USD']));
    const names = async (query: string): Promise<string[]> => (await response<Array<{ name: string }>>(api(`packages/getList.json?${query}`))).map((p) => p.name);
    const count = (query: string) => response<number>(api(`packages/getListCount.json?${query}`));
    const cases: Array<[string, string[]]> = [
      ['filters[name]=web', ['Web Basic', 'Web Pro']],
      ['filters[name]=WEB&filters[status]=inactive', ['Web Pro']],
      ['filters[status]=active', ['Web Basic', 'Support']],
      ['status=active&filters[name]=PORT', ['Support']],
      ['filters[name]=nothing', []],
      ['filters[unknown]=x', ['Web Basic', 'Web Pro', 'Support']],
    ];
    for (const [query, expected] of cases) {
      expect(await names(query)).toEqual(expected);
      expect(await count(query)).toBe(expected.length);
    }
    const xml = await api('packages/getListCount.xml?filters[name]=web');
    expect(xml.body).toContain('<response>2</response>');
  });

  it('packages/add refuses a quantity that is not a whole number, and keeps an empty one as unlimited (last: it adds packages)', async () => {
    const errors = await errorsOf(api('packages/add.json', dForm(['vars[name]=Stocked', 'vars[qty]=-3', 'vars[pricing][0][price]=5', 'vars[pricing][0][currency]=USD'])));
    expect(errors).toEqual({ qty: { format: 'Quantity must be a whole number.' } });
    const id = await response<string>(api('packages/add.json', dForm(['vars[name]=Stocked', 'vars[qty]=12', 'vars[pricing][0][price]=5', 'vars[pricing][0][currency]=USD'])));
    expect(await response(api(`packages/get.json?package_id=${id}`))).toMatchObject({ qty: '12' });
    const unlimited = await response<string>(api('packages/add.json', dForm(['vars[name]=Open', 'vars[qty]=', 'vars[pricing][0][price]=5', 'vars[pricing][0][currency]=USD'])));
    expect(await response(api(`packages/get.json?package_id=${unlimited}`))).toMatchObject({ qty: null });
  });
});
