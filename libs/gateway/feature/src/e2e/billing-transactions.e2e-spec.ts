import { InvoicesService } from '@hostgate/domain';
import { basic, call, CREDS, startTestGateway, type TestGateway, transactionsRunAgain } from './test-gateway';

const AUTH = basic(CREDS.billingUser, CREDS.billingKey);
const post = (pairs: readonly string[], method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: AUTH },
  body: pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&'),
});

describe('billing (Blesta): transactions pay invoices', () => {
  let gw: TestGateway;
  const get = (path: string) => call(`${gw.url}/billing/api/${path}`, { headers: { authorization: AUTH } });
  const response = async <T>(r: Promise<{ body: string }>): Promise<T> => (JSON.parse((await r).body) as { response: T }).response;
  let invoiceA: string;
  let invoiceB: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    await call(`${gw.url}/billing/api/clients/create.json`, post(['vars[username]=payer', 'vars[new_password]=secret-1', 'vars[first_name]=Pay', 'vars[last_name]=Er', 'vars[email]=payer@example.com']));
    const invoice = (amount: string) =>
      response<string>(call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01T00:00:00Z', 'vars[date_due]=2024-01-31T00:00:00Z', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', `vars[lines][0][amount]=${amount}`])));
    invoiceA = await invoice('10.00');
    invoiceB = await invoice('5.50');
  });
  afterAll(() => gw.close());

  it('add returns the id; get shows it with nothing applied yet, in json, xml and php', async () => {
    const id = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=12.5', 'vars[currency]=USD', 'vars[type]=other', 'vars[transaction_id]=ref-1'])));
    expect(id).toBe('1');
    expect(await response(get('transactions/get.json?transaction_id=1'))).toMatchObject({ id: '1', client_id: '1', amount: '12.5000', currency: 'USD', status: 'approved', transaction_id: 'ref-1', applied_amount: '0.0000', credited_amount: '12.5000' });
    expect((await get('transactions/get.xml?transaction_id=1')).body.startsWith('<?xml version="1.0" encoding="UTF-8" ?>\n<transactions>\n\t<response>\n\t\t<id>1</id>')).toBe(true);
    expect((await get('transactions/get.php?transaction_id=1')).body).toContain('s:6:"amount";s:7:"12.5000";');
    expect((await get('transactions/get.json?transaction_id=99')).body).toBe('{"response":false}');
  });

  it('add validates client, amount and currency', async () => {
    const bad = await call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=lots', 'vars[currency]=USD']));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ errors: { amount: { format: 'Amount must be a number.' } } });
    const client = await call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=42', 'vars[amount]=1', 'vars[currency]=USD']));
    expect(JSON.parse(client.body)).toMatchObject({ errors: { client_id: { exists: 'Invalid client ID.' } } });
  });

  it('apply pays invoice A in full (it closes) and part of B; getApplied lists both', async () => {
    const r = await call(`${gw.url}/billing/api/transactions/apply.json`, post(['transaction_id=1', `vars[amounts][0][invoice_id]=${invoiceA}`, 'vars[amounts][0][amount]=10', `vars[amounts][1][invoice_id]=${invoiceB}`, 'vars[amounts][1][amount]=2.5']));
    expect(r.body).toBe('{"response":null}');
    const a = await response<Record<string, string | null>>(get(`invoices/get.json?invoice_id=${invoiceA}`));
    expect(a).toMatchObject({ paid: '10.0000', due: '0.0000' });
    expect(a['date_closed']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await response(get(`invoices/amountDue.json?invoice_id=${invoiceB}`))).toBe('3.0000');
    expect(await response(get('invoices/getListCount.json?status=closed'))).toBe(1);
    expect(await response(get('invoices/getListCount.json?status=open'))).toBe(1);
    const applied = await response<Array<Record<string, string>>>(get('transactions/getApplied.json?transaction_id=1'));
    expect(applied.map((x) => [x.invoice_id, x.applied_amount])).toEqual([
      [invoiceA, '10.0000'],
      [invoiceB, '2.5000'],
    ]);
    expect(await response(get('transactions/get.json?transaction_id=1'))).toMatchObject({ applied_amount: '12.5000', credited_amount: '0.0000' });
  });

  it('apply refuses more than the invoice owes or the transaction has left, and changes nothing', async () => {
    const id = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=100', 'vars[currency]=USD'])));
    const over = await call(`${gw.url}/billing/api/transactions/apply.json`, post([`transaction_id=${id}`, `vars[amounts][0][invoice_id]=${invoiceB}`, 'vars[amounts][0][amount]=3.01']));
    expect(over.status).toBe(400);
    expect(JSON.parse(over.body)).toMatchObject({ errors: { 'amounts[][amount]': { valid: 'The amount exceeds the amount due on the invoice.' } } });
    const spent = await call(`${gw.url}/billing/api/transactions/apply.json`, post(['transaction_id=1', `vars[amounts][0][invoice_id]=${invoiceB}`, 'vars[amounts][0][amount]=1']));
    expect(JSON.parse(spent.body)).toMatchObject({ errors: { 'amounts[][amount]': { valid: 'The amounts exceed the amount of the transaction available.' } } });
    const missing = await call(`${gw.url}/billing/api/transactions/apply.json`, post(['transaction_id=99', `vars[amounts][0][invoice_id]=${invoiceB}`, 'vars[amounts][0][amount]=1']));
    expect(JSON.parse(missing.body)).toMatchObject({ errors: { transaction_id: { exists: 'Invalid transaction ID.' } } });
    expect(await response(get(`invoices/amountDue.json?invoice_id=${invoiceB}`))).toBe('3.0000');
  });

  it('getList and getListCount by client and status, in each format', async () => {
    const list = await response<Array<{ id: string }>>(get('transactions/getList.json?client_id=1&order_by[id]=ASC'));
    expect(list.map((t) => t.id)).toEqual(['1', '2']);
    expect(await response(get('transactions/getListCount.json?client_id=1'))).toBe(2);
    expect(await response(get('transactions/getListCount.json?status=declined'))).toBe(0);
    expect((await get('transactions/getList.xml')).body).toContain('<transactions>\n\t\n\t<response>');
    expect((await get('transactions/getList.php')).body.startsWith('a:1:{s:8:"response";a:2:{i:0;O:8:"stdClass":')).toBe(true);
  });

  it('concurrent applies of two payments never overpay an invoice', async () => {
    const t1 = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=3', 'vars[currency]=USD'])));
    const t2 = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=3', 'vars[currency]=USD'])));
    const replies = await Promise.all([t1, t2].map((t) => call(`${gw.url}/billing/api/transactions/apply.json`, post([`transaction_id=${t}`, `vars[amounts][0][invoice_id]=${invoiceB}`, 'vars[amounts][0][amount]=3']))));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await response(get(`invoices/get.json?invoice_id=${invoiceB}`))).toMatchObject({ paid: '5.5000', due: '0.0000' });
  });

  it('payments applied at once to the same invoices in opposite orders all complete, without a deadlock', async () => {
    const newInvoice = () =>
      response<string>(call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01T00:00:00Z', 'vars[date_due]=2024-01-31T00:00:00Z', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=20'])));
    const [x, y] = [await newInvoice(), await newInvoice()];
    const payments = await Promise.all(Array.from({ length: 6 }, () => response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=2', 'vars[currency]=USD'])))));
    // Each apply locks the invoices it names in id order, so PostgreSQL never has to abort one and run it again.
    expect(
      await transactionsRunAgain(async () => {
        const replies = await Promise.all(
          payments.map((t, i) => {
            const [first, second] = i % 2 === 0 ? [x, y] : [y, x];
            return call(`${gw.url}/billing/api/transactions/apply.json`, post([`transaction_id=${t}`, `vars[amounts][0][invoice_id]=${first}`, 'vars[amounts][0][amount]=1', `vars[amounts][1][invoice_id]=${second}`, 'vars[amounts][1][amount]=1']));
          }),
        );
        expect(replies.map((r) => r.body)).toEqual(payments.map(() => '{"response":null}'));
      }),
    ).toEqual([]);
    for (const invoice of [x, y]) expect(await response(get(`invoices/get.json?invoice_id=${invoice}`))).toMatchObject({ paid: '6.0000', due: '14.0000' });
  });

  it('a payment applied while the invoice is being edited or voided is never written over', async () => {
    const newInvoice = () =>
      response<string>(call(`${gw.url}/billing/api/invoices/add.json`, post(['vars[client_id]=1', 'vars[date_billed]=2024-01-01T00:00:00Z', 'vars[date_due]=2024-01-31T00:00:00Z', 'vars[currency]=USD', 'vars[lines][0][description]=Hosting', 'vars[lines][0][amount]=20'])));
    const pay = async (invoice: string) => {
      const t = await response<string>(call(`${gw.url}/billing/api/transactions/add.json`, post(['vars[client_id]=1', 'vars[amount]=4', 'vars[currency]=USD'])));
      return call(`${gw.url}/billing/api/transactions/apply.json`, post([`transaction_id=${t}`, `vars[amounts][0][invoice_id]=${invoice}`, 'vars[amounts][0][amount]=4']));
    };
    // The payment is applied right after the edit or void has read the invoice, before it writes.
    const invoices = gw.app.get(InvoicesService) as unknown as { owned(companyId: number, id: number): Promise<unknown> };
    const paidAfterRead = async (invoice: string, change: 'edit' | 'void') => {
      const realOwned = invoices.owned.bind(invoices);
      let applied: { status: number } | undefined;
      const spy = jest.spyOn(invoices, 'owned').mockImplementation(async (companyId, id) => {
        const row = await realOwned(companyId, id);
        applied = await pay(invoice);
        return row;
      });
      try {
        const changed = await call(`${gw.url}/billing/api/invoices/${change}.json`, post([`invoice_id=${invoice}`, ...(change === 'edit' ? ['vars[note_public]=edited'] : [])]));
        const after = await response<{ paid: string; status: string; note_public: string | null }>(get(`invoices/get.json?invoice_id=${invoice}`));
        return { changed: changed.status, applied: applied?.status, paid: after.paid, status: after.status, note: after.note_public };
      } finally {
        spy.mockRestore();
      }
    };
    expect(await paidAfterRead(await newInvoice(), 'edit')).toEqual({ changed: 200, applied: 200, paid: '4.0000', status: 'active', note: 'edited' });
    // The void sees the payment it did not read: refused as for any paid invoice.
    expect(await paidAfterRead(await newInvoice(), 'void')).toEqual({ changed: 400, applied: 200, paid: '4.0000', status: 'active', note: null });
  });
});
