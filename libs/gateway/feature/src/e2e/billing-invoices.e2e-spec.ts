import { DataSource } from 'typeorm';
import { TaxesService } from '@hostgate/domain';
import { CompanySettingEntity, TaxEntity } from '@hostgate/shared/persistence';
import { call, startTestGateway, type TestGateway } from './test-gateway';
import { AUTH, BAD_SYNTAX, dForm } from './billing-client';

interface Tax {
  id: string;
  level: string;
  name: string;
  amount: string;
  type: string;
  cascade: string;
  tax_total: string;
}
interface Invoice {
  subtotal: string;
  total: string;
  paid: string;
  due: string;
  tax_subtotal: string;
  tax_total: string;
  taxes: Tax[];
  line_items: Array<{ id: string; description: string; taxes: Tax[] }>;
  delivery: Array<{ method: string; date_sent: string | null }>;
  date_closed: string | null;
}

describe('billing (Blesta): invoice taxes, delivery, and validation that names every field', () => {
  let gw: TestGateway;
  const get = (path: string) => call(`${gw.url}/billing/api/${path}`, { headers: { authorization: AUTH } });
  const response = async <T>(r: Promise<{ body: string }>): Promise<T> => (JSON.parse((await r).body) as { response: T }).response;
  const invoice = (id: string) => response<Invoice>(get(`invoices/get.json?invoice_id=${id}`));
  const client = async (username: string, country: string, extra: string[] = []): Promise<string> => {
    const r = await call(
      `${gw.url}/billing/api/clients/create.json`,
      dForm([`vars[username]=${username}`, 'vars[new_password]=secret-1', 'vars[first_name]=F', 'vars[last_name]=L', `vars[email]=${username}@example.com`, `vars[country]=${country}`, ...extra]),
    );
    expect(r.status).toBe(200);
    return (JSON.parse(r.body) as { response: { id: string } }).response.id;
  };
  const addInvoice = async (clientId: string, lines: string[], extra: string[] = []): Promise<string> => {
    const r = await call(`${gw.url}/billing/api/invoices/add.json`, dForm([`vars[client_id]=${clientId}`, 'vars[date_billed]=2025-01-01 00:00:00 UTC', 'vars[date_due]=2025-02-01 00:00:00 UTC', 'vars[currency]=USD', ...lines, ...extra]));
    expect(r.status).toBe(200);
    return (JSON.parse(r.body) as { response: string }).response;
  };
  let us: string;
  let de: string;
  let exempt: string;
  let vat: string;
  let local: string;
  let deVat: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    us = await client('us-client', 'US');
    de = await client('de-client', 'DE');
    exempt = await client('exempt-client', 'US', ['vars[settings][tax_exempt]=true']);
  });
  afterAll(() => gw.close());

  describe('taxes (tax rules per company)', () => {
    it('add, get and getAll in json, xml and php', async () => {
      vat = await response<string>(call(`${gw.url}/billing/api/taxes/add.json`, dForm(['vars[level]=1', 'vars[name]=Sales tax', 'vars[amount]=10', 'vars[type]=exclusive'])));
      local = await response<string>(call(`${gw.url}/billing/api/taxes/add.json`, dForm(['vars[level]=2', 'vars[name]=Local', 'vars[amount]=5'])));
      const xmlAdd = await call(`${gw.url}/billing/api/taxes/add.xml`, dForm(['vars[level]=1', 'vars[name]=MwSt', 'vars[amount]=19', 'vars[type]=inclusive', 'vars[country]=de']));
      expect(xmlAdd.status).toBe(200);
      deVat = /<response>(\d+)<\/response>/.exec(xmlAdd.body)?.[1] ?? '';
      expect(deVat).toMatch(/^\d+$/);
      expect(await response(get(`taxes/get.json?tax_id=${vat}`))).toEqual({ id: vat, company_id: '1', level: '1', name: 'Sales tax', amount: '10.0000', type: 'exclusive', country: null, state: null, status: 'active' });
      expect((await get(`taxes/get.xml?tax_id=${deVat}`)).body).toContain('<country>DE</country>');
      expect((await get(`taxes/get.php?tax_id=${local}`)).body).toContain('s:4:"name";s:5:"Local";');
      expect((await response<Tax[]>(get('taxes/getAll.json'))).map((t) => t.name)).toEqual(['Sales tax', 'MwSt', 'Local']);
    });

    it('validation names every failing field at once; not found is false or an exists error', async () => {
      const bad = await call(`${gw.url}/billing/api/taxes/add.json`, dForm(['vars[level]=3', 'vars[amount]=lots', 'vars[type]=sometimes']));
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toEqual({
        message: BAD_SYNTAX,
        errors: {
          level: { format: 'The tax level must be 1 or 2.' },
          name: { empty: 'Please enter a name for this tax rule.' },
          amount: { format: 'The tax amount must be a number greater than or equal to 0.' },
          type: { format: 'The tax type must be exclusive or inclusive.' },
        },
        response: null,
      });
      expect((await get('taxes/get.json?tax_id=9999')).body).toBe('{"response":false}');
      const gone = await call(`${gw.url}/billing/api/taxes/delete.json?tax_id=9999`, { method: 'DELETE', headers: { authorization: AUTH } });
      expect(gone.status).toBe(400);
      expect(JSON.parse(gone.body)).toEqual({ message: BAD_SYNTAX, errors: { tax_id: { exists: 'Invalid tax ID.' } }, response: null });
    });
  });

  describe('invoices with taxes', () => {
    it('exclusive level 1 and 2 taxes are added to taxable lines only; subtotal/total/due agree', async () => {
      const id = await addInvoice(us, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=true', 'vars[lines][1][description]=Setup', 'vars[lines][1][amount]=50']);
      const inv = await invoice(id);
      expect(inv).toMatchObject({ subtotal: '150.0000', total: '165.0000', paid: '0.0000', due: '165.0000', tax_subtotal: '0.0000', tax_total: '15.0000' });
      expect(inv.taxes.map((t) => [t.id, t.level, t.tax_total, t.cascade])).toEqual([
        [vat, '1', '10.0000', '0'],
        [local, '2', '5.0000', '0'],
      ]);
      expect(inv.line_items[0].taxes.map((t) => t.tax_total)).toEqual(['10.0000', '5.0000']);
      expect(inv.line_items[1].taxes).toEqual([]);
      expect(await response(get(`invoices/amountDue.json?invoice_id=${id}`))).toBe('165.0000');
      const listed = (await response<Array<{ id: string; total: string; due: string }>>(get(`invoices/getList.json?client_id=${us}&status=all`))).find((i) => i.id === id);
      expect(listed).toMatchObject({ total: '165.0000', due: '165.0000' });
    });

    it('with the company setting cascade_tax, level 2 is computed on the line plus level 1', async () => {
      const settings = gw.app.get(DataSource).getRepository(CompanySettingEntity);
      await settings.save({ companyId: 1, key: 'cascade_tax', value: 'true' });
      try {
        const inv = await invoice(await addInvoice(us, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=1']));
        expect(inv).toMatchObject({ subtotal: '100.0000', total: '115.5000', tax_total: '15.5000' });
        expect(inv.taxes.map((t) => [t.tax_total, t.cascade])).toEqual([
          ['10.0000', '0'],
          ['5.5000', '1'],
        ]);
      } finally {
        await settings.delete({ companyId: 1, key: 'cascade_tax' });
      }
    });

    it('a country rule wins its level; an inclusive tax is inside the price and adds nothing', async () => {
      const inv = await invoice(await addInvoice(de, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=119', 'vars[lines][0][tax]=true']));
      // 19% included in 119 is 19; the 5% level 2 rule (no country) is added: 5.95.
      expect(inv).toMatchObject({ subtotal: '119.0000', total: '124.9500', due: '124.9500', tax_subtotal: '19.0000', tax_total: '24.9500' });
      expect(inv.taxes.map((t) => [t.id, t.type, t.tax_total])).toEqual([
        [deVat, 'inclusive', '19.0000'],
        [local, 'exclusive', '5.9500'],
      ]);
    });

    it('a tax-exempt client is not taxed', async () => {
      const inv = await invoice(await addInvoice(exempt, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=true']));
      expect(inv).toMatchObject({ subtotal: '100.0000', total: '100.0000', tax_total: '0.0000', taxes: [] });
    });

    it('edit re-taxes the lines; a payment applied in full closes it and due is 0', async () => {
      const id = await addInvoice(us, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=true']);
      const lineId = (await invoice(id)).line_items[0].id;
      const edit = await call(`${gw.url}/billing/api/invoices/edit.json`, dForm([`invoice_id=${id}`, `vars[lines][0][id]=${lineId}`, 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=200', 'vars[lines][0][tax]=true'], 'PUT'));
      expect(edit.status).toBe(200);
      expect(await invoice(id)).toMatchObject({ subtotal: '200.0000', total: '230.0000', due: '230.0000', tax_total: '30.0000' });
      const txn = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, dForm([`vars[client_id]=${us}`, 'vars[amount]=230', 'vars[currency]=USD'])));
      const applied = await call(`${gw.url}/billing/api/transactions/apply.json`, dForm([`transaction_id=${txn}`, `vars[amounts][0][invoice_id]=${id}`, 'vars[amounts][0][amount]=230']));
      expect(applied.status).toBe(200);
      const paid = await invoice(id);
      expect(paid).toMatchObject({ total: '230.0000', paid: '230.0000', due: '0.0000' });
      expect(paid.date_closed).not.toBeNull();
    });

    it('deleting a rule that invoices used only deactivates it; issued invoices keep their tax', async () => {
      const before = await invoice('1');
      const del = await call(`${gw.url}/billing/api/taxes/delete.json?tax_id=${local}`, { method: 'DELETE', headers: { authorization: AUTH } });
      expect(del.body).toBe('{"response":null}');
      expect(await response(get(`taxes/get.json?tax_id=${local}`))).toMatchObject({ status: 'inactive' });
      const kept = await invoice('1');
      expect([kept.total, kept.tax_total, kept.taxes.map((t) => [t.id, t.tax_total])]).toEqual([before.total, before.tax_total, before.taxes.map((t) => [t.id, t.tax_total])]);
      expect(kept.taxes[1]).toMatchObject({ name: 'Local', status: 'inactive' });
      const after = await invoice(await addInvoice(us, ['vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=true']));
      expect(after).toMatchObject({ total: '110.0000', tax_total: '10.0000' });
    });
  });

  describe('delivery', () => {
    it('vars[delivery][] methods are recorded unsent; edit replaces the unsent ones; a bad method is a valid error', async () => {
      const id = await addInvoice(us, ['vars[lines][0][description]=x', 'vars[lines][0][amount]=1'], ['vars[delivery][]=email', 'vars[delivery][]=paper']);
      expect((await invoice(id)).delivery.map((d) => [d.method, d.date_sent])).toEqual([
        ['email', null],
        ['paper', null],
      ]);
      await call(`${gw.url}/billing/api/invoices/edit.json`, dForm([`invoice_id=${id}`, 'vars[delivery][]=postalmethods'], 'PUT'));
      expect((await invoice(id)).delivery.map((d) => d.method)).toEqual(['postalmethods']);
      expect((await get(`invoices/get.xml?invoice_id=${id}`)).body).toMatch(/<delivery>\s*<id>\d+<\/id>/);
      const bad = await call(`${gw.url}/billing/api/invoices/add.json`, dForm([`vars[client_id]=${us}`, 'vars[date_billed]=2025-01-01', 'vars[date_due]=2025-01-02', 'vars[currency]=USD', 'vars[delivery][]=pigeon']));
      expect(JSON.parse(bad.body)).toEqual({ message: BAD_SYNTAX, errors: { delivery: { valid: 'Invalid delivery method.' } }, response: null });
    });
  });

  describe('one 400 names every failing field, in each format', () => {
    it('clients/create', async () => {
      const r = await call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars[username]=us-client', 'vars[new_password]=x', 'vars[email]=nope', 'vars[status]=asleep']));
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toEqual({
        message: BAD_SYNTAX,
        errors: {
          first_name: { empty: 'Please enter a first name.' },
          last_name: { empty: 'Please enter a last name.' },
          email: { format: 'Please enter a valid email address.' },
          status: { format: 'Invalid status.' },
          username: { unique: 'That username has already been taken.' },
          new_password: { format: 'Please enter a password at least 6 characters in length.' },
        },
        response: null,
      });
    });

    it('invoices/add in json, xml and php', async () => {
      const pairs = ['vars[client_id]=999', 'vars[date_billed]=someday', 'vars[date_due]=2025-01-01', 'vars[currency]=XYZ', 'vars[lines][0][amount]=1'];
      const errors = {
        client_id: { exists: 'Invalid client ID.' },
        date_billed: { format: 'Invalid bill date.' },
        currency: { exists: 'Invalid currency.' },
        'lines[][description]': { empty: 'Please enter a line item description.' },
      };
      const json = await call(`${gw.url}/billing/api/invoices/add.json`, dForm(pairs));
      expect(json.status).toBe(400);
      expect(JSON.parse(json.body)).toEqual({ message: BAD_SYNTAX, errors, response: null });
      const xml = await call(`${gw.url}/billing/api/invoices/add.xml`, dForm(pairs));
      expect(xml.status).toBe(400);
      for (const tag of ['<client_id>', '<date_billed>', '<currency>', '<exists>Invalid currency.</exists>']) expect(xml.body).toContain(tag);
      const php = await call(`${gw.url}/billing/api/invoices/add.php`, dForm(pairs));
      expect(php.body).toContain('s:6:"errors";a:4:{s:9:"client_id";a:1:{s:6:"exists";s:18:"Invalid client ID.";}s:11:"date_billed";');
    });

    it('packages/add', async () => {
      const r = await call(`${gw.url}/billing/api/packages/add.json`, dForm(['vars[status]=gone', 'vars[module]=hosting', 'vars[meta][package]=no-such-plan', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=XYZ']));
      expect(r.status).toBe(400);
      expect(Object.keys((JSON.parse(r.body) as { errors: object }).errors)).toEqual(['names', 'status', 'meta[package]', 'pricing[][currency]']);
    });

    it('services/add', async () => {
      const r = await call(`${gw.url}/billing/api/services/add.json`, dForm(['vars[pricing_id]=9999', 'vars[client_id]=9999', 'vars[status]=sleeping', 'vars[qty]=0', 'vars[override_price]=cheap']));
      expect(r.status).toBe(400);
      expect(Object.keys((JSON.parse(r.body) as { errors: object }).errors)).toEqual(['pricing_id', 'client_id', 'status', 'qty', 'override_price']);
    });

    it('contacts/add and transactions/add', async () => {
      const contact = await call(`${gw.url}/billing/api/contacts/add.json`, dForm(['vars[client_id]=999', 'vars[contact_type]=boss', 'vars[email]=x']));
      expect(Object.keys((JSON.parse(contact.body) as { errors: object }).errors)).toEqual(['client_id', 'contact_type', 'first_name', 'last_name', 'email']);
      const txn = await call(`${gw.url}/billing/api/transactions/add.json`, dForm(['vars[client_id]=999', 'vars[amount]=ten', 'vars[currency]=XYZ', 'vars[type]=gold']));
      expect(Object.keys((JSON.parse(txn.body) as { errors: object }).errors)).toEqual(['client_id', 'amount', 'currency', 'type']);
    });
  });
});

describe('billing (Blesta): a tax rule deleted while an invoice is taxed with it', () => {
  let gw: TestGateway;
  const get = (path: string) => call(`${gw.url}/billing/api/${path}`, { headers: { authorization: AUTH } });
  const response = async <T>(r: Promise<{ body: string }>): Promise<T> => (JSON.parse((await r).body) as { response: T }).response;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('ends as one of the two in order: taxed and the rule kept inactive, or untaxed and the rule gone; never a 500', async () => {
    const client = await response<{ id: string }>(call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars[username]=fr-client', 'vars[new_password]=secret-1', 'vars[first_name]=F', 'vars[last_name]=L', 'vars[email]=fr@example.com', 'vars[country]=FR'])));
    for (let i = 0; i < 18; i++) {
      const tax = await response<string>(call(`${gw.url}/billing/api/taxes/add.json`, dForm(['vars[level]=1', `vars[name]=TVA ${i}`, 'vars[amount]=20', 'vars[type]=exclusive', 'vars[country]=FR'])));
      // The delete is sent a little later each time, so that some land while the invoice is being written.
      const adding = call(`${gw.url}/billing/api/invoices/add.json`, dForm([`vars[client_id]=${client.id}`, 'vars[date_billed]=2025-01-01 00:00:00 UTC', 'vars[date_due]=2025-02-01 00:00:00 UTC', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=100', 'vars[lines][0][tax]=true']));
      await new Promise((resolve) => setTimeout(resolve, i % 6));
      const [deleted, added] = await Promise.all([call(`${gw.url}/billing/api/taxes/delete.json?tax_id=${tax}`, { method: 'DELETE', headers: { authorization: AUTH } }), adding]);
      expect({ deleted: deleted.status, added: added.status }).toEqual({ deleted: 200, added: 200 });
      const invoice = await response<Invoice>(get(`invoices/get.json?invoice_id=${(JSON.parse(added.body) as { response: string }).response}`));
      const rule = await response<{ status: string } | false>(get(`taxes/get.json?tax_id=${tax}`));
      const outcome = { total: invoice.total, taxes: invoice.taxes.map((t) => t.id), rule: rule === false ? 'gone' : rule.status };
      expect([
        { total: '120.0000', taxes: [tax], rule: 'inactive' },
        { total: '100.0000', taxes: [], rule: 'gone' },
      ]).toContainEqual(outcome);
    }
  });

  it('the rules chosen again inside an invoice transaction are the ones that transaction sees, its own uncommitted deletions included', async () => {
    // On SQLite, requests of one event-loop turn share one commit: a rule deleted by one of them is
    // gone for the others' transactions before any reader outside them sees it go.
    const client = await response<{ id: string }>(call(`${gw.url}/billing/api/clients/create.json`, dForm(['vars[username]=be-client', 'vars[new_password]=secret-1', 'vars[first_name]=B', 'vars[last_name]=E', 'vars[email]=be@example.com', 'vars[country]=BE'])));
    const tax = Number(await response<string>(call(`${gw.url}/billing/api/taxes/add.json`, dForm(['vars[level]=1', 'vars[name]=BTW', 'vars[amount]=21', 'vars[type]=exclusive', 'vars[country]=BE']))));
    const taxes = gw.app.get(TaxesService);
    const ds = gw.app.get(DataSource);
    const seen = { inside: [] as number[], outside: [] as number[] };
    await ds
      .transaction(async (tx) => {
        await tx.getRepository(TaxEntity).delete({ id: tax });
        seen.inside = (await taxes.planFor(1, Number(client.id), null, tx)).rules.map((r) => r.id);
        seen.outside = (await taxes.planFor(1, Number(client.id), null)).rules.map((r) => r.id);
        throw new Error('rolled back on purpose');
      })
      .catch((e: unknown) => expect(e).toEqual(new Error('rolled back on purpose')));
    expect(seen).toEqual({ inside: [], outside: [tax] });
    expect(await response(get(`taxes/get.json?tax_id=${tax}`))).toMatchObject({ status: 'active' });
  });
});
