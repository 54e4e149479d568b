import { BlestaRegistry } from '@hostgate/billing';
import { basic, call, CREDS, startTestGateway, type TestGateway } from './test-gateway';

/**
 * The issue's audit, as one table: every registered method has a success call, a call with bad
 * input and a call about something that does not exist, each checked against what Blesta answers:
 *
 * - bad input: a 400 naming the field and Blesta's rule where the model validates (Input rules),
 *   otherwise Blesta's 500 for what PHP refuses (a missing required argument, a string where an
 *   array is declared);
 * - not found: `{"response": false}` for a lookup, an empty list or 0 for a list or count, and a
 *   400 `exists` error for a change to something missing.
 *
 * Where a method takes nothing that can be wrong or missing, the row says why instead. A guard test
 * fails when a registered method has no row, so the table cannot fall behind the registry.
 * get, getList and add are also called in xml and php.
 */

const AUTH = basic(CREDS.billingUser, CREDS.billingKey);
/** PHP's TypeError for a string where an array parameter is declared. */
const ARRAY_TYPE_ERROR: unknown = expect.stringContaining('must be of type array');
const MISSING_DEFAULT = { message: 'An unexpected error occured.', response: 'Internal error: Failed to retrieve the default value' };

type Verb = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Req {
  readonly verb: Verb;
  readonly pairs: readonly string[];
}
type Expect =
  | { readonly kind: 'ok'; readonly check?: (response: unknown) => void }
  | { readonly kind: 'rule'; readonly field: string; readonly rule: string }
  | { readonly kind: 'error500'; readonly response?: unknown }
  | { readonly kind: 'value'; readonly value: unknown };
interface Case {
  readonly req: Req;
  readonly expect: Expect;
}
interface Row {
  /** model/method */
  readonly name: string;
  /** `n` numbers each call, for adds that need unique values. */
  readonly ok: (n: number) => Case;
  readonly invalid: Case | string;
  readonly missing: Case | string;
  /** Call `ok` in xml and php too. */
  readonly formats?: boolean;
}

const get = (...pairs: string[]): Req => ({ verb: 'GET', pairs });
const post = (...pairs: string[]): Req => ({ verb: 'POST', pairs });
const put = (...pairs: string[]): Req => ({ verb: 'PUT', pairs });
const del = (...pairs: string[]): Req => ({ verb: 'DELETE', pairs });
const ok = (req: Req, check?: (response: unknown) => void): Case => ({ req, expect: { kind: 'ok', check } });
const rule = (req: Req, field: string, r: string): Case => ({ req, expect: { kind: 'rule', field, rule: r } });
const error500 = (req: Req, response?: unknown): Case => ({ req, expect: { kind: 'error500', response } });
const value = (req: Req, v: unknown): Case => ({ req, expect: { kind: 'value', value: v } });
const isId = (r: unknown): void => expect(r).toEqual(expect.stringMatching(/^\d+$/));
const isList = (r: unknown): void => expect(Array.isArray(r) && r.length > 0).toBe(true);
const isCount = (r: unknown): void => expect(typeof r === 'number' && r > 0).toBe(true);
const isObject = (r: unknown): void => expect(r).toEqual(expect.objectContaining({}));
const NO_REFERENCE = 'takes no id of an existing record, so nothing can be missing';
const NOTHING_INVALID = 'no parameter that can be wrong: unknown values only narrow the result';

/** Ids made in beforeAll, read lazily by the rows. */
const ids: Record<string, string> = {};
const client = (): string => ids['client'];

/** Built after setup (the rows read the ids it made); built once before it only for the test names. */
const rows = (): Row[] => [
  // users
  {
    name: 'users/add',
    formats: true,
    ok: (n) => ok(post(`vars[username]=audit-user-${n}`, 'vars[new_password]=secret-1'), isId),
    invalid: rule(post('vars[username]=', 'vars[new_password]=secret-1'), 'username', 'empty'),
    missing: NO_REFERENCE,
  },
  { name: 'users/get', formats: true, ok: () => ok(get(`user_id=${ids['user']}`), isObject), invalid: error500(get()), missing: value(get('user_id=9999'), false) },
  { name: 'users/getByUsername', ok: () => ok(get('username=audit-owner'), isObject), invalid: error500(get()), missing: value(get('username=nobody'), false) },
  {
    name: 'users/edit',
    ok: () => ok(put(`user_id=${ids['spareUser']}`, 'vars[username]=audit-renamed'), (r) => expect(r).toBeNull()),
    invalid: rule(put(`user_id=${ids['spareUser']}`, 'vars[new_password]=x'), 'new_password', 'format'),
    missing: rule(put('user_id=9999', 'vars[username]=x'), 'user_id', 'exists'),
  },
  {
    name: 'users/delete',
    ok: () => ok(del(`user_id=${ids['spareUser']}`), (r) => expect(r).toBeNull()),
    invalid: rule(del(`user_id=${ids['user']}`), 'user_id', 'deleteable'),
    missing: rule(del('user_id=9999'), 'user_id', 'exists'),
  },
  {
    name: 'users/auth',
    ok: () => ok(post('username=audit-owner', 'vars[password]=secret-1'), (r) => expect(r).toBe(true)),
    invalid: error500(post('username=audit-owner')),
    missing: value(post('username=nobody', 'vars[password]=secret-1'), false),
  },
  // clients
  {
    name: 'clients/create',
    formats: true,
    ok: (n) => ok(post(`vars[username]=audit-c${n}`, 'vars[new_password]=secret-1', 'vars[first_name]=A', 'vars[last_name]=B', `vars[email]=c${n}@example.com`), isObject),
    invalid: rule(post('vars[username]=audit-x', 'vars[new_password]=secret-1', 'vars[last_name]=B', 'vars[email]=x@example.com'), 'first_name', 'empty'),
    missing: rule(post('vars[username]=audit-y', 'vars[new_password]=secret-1', 'vars[first_name]=A', 'vars[last_name]=B', 'vars[email]=y@example.com', 'vars[client_group_id]=99'), 'client_group_id', 'exists'),
  },
  {
    name: 'clients/add',
    ok: () => ok(post(`vars[user_id]=${ids['bareUser']}`), isId),
    invalid: rule(post(`vars[user_id]=${ids['bareUser2']}`, 'vars[status]=asleep'), 'status', 'format'),
    missing: rule(post('vars[user_id]=9999'), 'user_id', 'exists'),
  },
  { name: 'clients/get', formats: true, ok: () => ok(get(`client_id=${client()}`), isObject), invalid: error500(get()), missing: value(get('client_id=9999'), false) },
  { name: 'clients/getList', formats: true, ok: () => ok(get(), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('filters[client_group_id]=99'), []) },
  { name: 'clients/getListCount', ok: () => ok(get(), isCount), invalid: error500(get('filters=x'), ARRAY_TYPE_ERROR), missing: value(get('status=fraud'), 0) },
  { name: 'clients/getAll', ok: () => ok(get(), isList), invalid: NOTHING_INVALID, missing: value(get('client_group_id=99'), []) },
  { name: 'clients/search', ok: () => ok(get('query=audit'), isList), invalid: error500(get()), missing: value(get('query=zzz-nothing'), []) },
  {
    name: 'clients/edit',
    ok: () => ok(put(`client_id=${client()}`, 'vars[status]=active'), (r) => expect(r).toBeNull()),
    invalid: rule(put(`client_id=${client()}`, 'vars[status]=asleep'), 'status', 'format'),
    missing: rule(put('client_id=9999', 'vars[status]=active'), 'client_id', 'exists'),
  },
  {
    name: 'clients/delete',
    ok: () => ok(del(`client_id=${ids['spareClient']}`), (r) => expect(r).toBeNull()),
    invalid: rule(del(`client_id=${client()}`), 'client_id', 'deleteable'),
    missing: rule(del('client_id=9999'), 'client_id', 'exists'),
  },
  // contacts
  {
    name: 'contacts/add',
    formats: true,
    ok: () => ok(post(`vars[client_id]=${client()}`, 'vars[first_name]=C', 'vars[last_name]=D', 'vars[email]=cd@example.com'), isId),
    invalid: rule(post(`vars[client_id]=${client()}`, 'vars[last_name]=D', 'vars[email]=cd@example.com'), 'first_name', 'empty'),
    missing: rule(post('vars[client_id]=9999', 'vars[first_name]=C', 'vars[last_name]=D', 'vars[email]=cd@example.com'), 'client_id', 'exists'),
  },
  { name: 'contacts/get', formats: true, ok: () => ok(get(`contact_id=${ids['contact']}`), isObject), invalid: error500(get()), missing: value(get('contact_id=9999'), false) },
  { name: 'contacts/getList', formats: true, ok: () => ok(get(`client_id=${client()}`), isList), invalid: error500(get()), missing: value(get('client_id=9999'), []) },
  { name: 'contacts/getListCount', ok: () => ok(get(`client_id=${client()}`), isCount), invalid: error500(get()), missing: value(get('client_id=9999'), 0) },
  { name: 'contacts/getAll', ok: () => ok(get(`client_id=${client()}`), isList), invalid: error500(get()), missing: value(get('client_id=9999'), []) },
  {
    name: 'contacts/edit',
    ok: () => ok(put(`contact_id=${ids['contact']}`, 'vars[first_name]=Renamed'), (r) => expect(r).toBeNull()),
    invalid: rule(put(`contact_id=${ids['contact']}`, 'vars[email]=not-an-email'), 'email', 'format'),
    missing: rule(put('contact_id=9999', 'vars[first_name]=X'), 'contact_id', 'exists'),
  },
  {
    name: 'contacts/delete',
    ok: () => ok(del(`contact_id=${ids['contact']}`), (r) => expect(r).toBeNull()),
    invalid: rule(del(`contact_id=${ids['primaryContact']}`), 'contact_id', 'primary'),
    missing: rule(del('contact_id=9999'), 'contact_id', 'exists'),
  },
  // companies and currencies
  { name: 'companies/get', formats: true, ok: () => ok(get('company_id=1'), isObject), invalid: error500(get()), missing: value(get('company_id=9999'), false) },
  { name: 'companies/getList', formats: true, ok: () => ok(get(), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('page=99'), []) },
  { name: 'companies/getListCount', ok: () => ok(get(), isCount), invalid: 'takes no parameters', missing: 'takes no parameters: the key’s company always exists' },
  { name: 'companies/getAll', ok: () => ok(get(), isList), invalid: 'takes no parameters', missing: 'takes no parameters: the key’s company always exists' },
  { name: 'companies/getSettings', ok: () => ok(get('company_id=1'), isList), invalid: error500(get()), missing: value(get('company_id=9999'), []) },
  { name: 'currencies/get', ok: () => ok(get('currency_code=USD', 'company_id=1'), isObject), invalid: error500(get('currency_code=USD')), missing: value(get('currency_code=XYZ', 'company_id=1'), false) },
  { name: 'currencies/getAll', ok: () => ok(get('company_id=1'), isList), invalid: error500(get()), missing: value(get('company_id=9999'), []) },
  // packages
  {
    name: 'packages/add',
    formats: true,
    ok: (n) => ok(post(`vars[name]=Audit ${n}`, 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD'), isId),
    invalid: rule(post('vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD'), 'names', 'empty'),
    missing: rule(post('vars[name]=X', 'vars[module]=hosting', 'vars[meta][package]=no-such-plan', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD'), 'meta[package]', 'exists'),
  },
  { name: 'packages/get', formats: true, ok: () => ok(get(`package_id=${ids['package']}`), isObject), invalid: error500(get()), missing: value(get('package_id=9999'), false) },
  { name: 'packages/getList', formats: true, ok: () => ok(get(), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('status=restricted'), []) },
  { name: 'packages/getListCount', ok: () => ok(get(), isCount), invalid: NOTHING_INVALID, missing: value(get('status=restricted'), 0) },
  { name: 'packages/getAll', ok: () => ok(get('company_id=1'), isList), invalid: error500(get()), missing: value(get('company_id=9999'), []) },
  {
    name: 'packages/edit',
    ok: () => ok(put(`package_id=${ids['package']}`, 'vars[status]=active'), (r) => expect(r).toBeNull()),
    invalid: rule(put(`package_id=${ids['package']}`, 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=XYZ'), 'pricing[][currency]', 'format'),
    missing: rule(put('package_id=9999', 'vars[status]=active'), 'package_id', 'exists'),
  },
  {
    name: 'packages/delete',
    ok: () => ok(del(`package_id=${ids['sparePackage']}`), (r) => expect(r).toBeNull()),
    invalid: rule(del(`package_id=${ids['package']}`), 'package_id', 'in_use'),
    missing: rule(del('package_id=9999'), 'package_id', 'exists'),
  },
  // services
  {
    name: 'services/add',
    formats: true,
    ok: () => ok(post(`vars[pricing_id]=${ids['pricing']}`, `vars[client_id]=${client()}`, 'vars[status]=active'), isId),
    invalid: rule(post(`vars[pricing_id]=${ids['pricing']}`, `vars[client_id]=${client()}`, 'vars[status]=sleeping'), 'status', 'format'),
    missing: rule(post('vars[pricing_id]=9999', `vars[client_id]=${client()}`), 'pricing_id', 'exists'),
  },
  { name: 'services/get', formats: true, ok: () => ok(get(`service_id=${ids['service']}`), isObject), invalid: error500(get()), missing: value(get('service_id=9999'), false) },
  { name: 'services/getList', formats: true, ok: () => ok(get(`client_id=${client()}`), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('client_id=9999'), []) },
  { name: 'services/getListCount', ok: () => ok(get(`client_id=${client()}`), isCount), invalid: error500(get()), missing: value(get('client_id=9999'), 0) },
  {
    name: 'services/edit',
    ok: () => ok(put(`service_id=${ids['service']}`, 'vars[qty]=2'), (r) => expect(r).toBeNull()),
    invalid: rule(put(`service_id=${ids['service']}`, 'vars[status]=sleeping'), 'status', 'format'),
    missing: rule(put('service_id=9999', 'vars[qty]=1'), 'service_id', 'exists'),
  },
  {
    name: 'services/suspend',
    ok: () => ok(post(`service_id=${ids['service']}`), (r) => expect(r).toBeNull()),
    invalid: rule(post(`service_id=${ids['service']}`), 'service_id', 'suspended'),
    missing: rule(post('service_id=9999'), 'service_id', 'exists'),
  },
  {
    name: 'services/unsuspend',
    ok: () => ok(post(`service_id=${ids['service']}`), (r) => expect(r).toBeNull()),
    invalid: rule(post(`service_id=${ids['service']}`), 'service_id', 'unsuspended'),
    missing: rule(post('service_id=9999'), 'service_id', 'exists'),
  },
  {
    name: 'services/cancel',
    ok: () => ok(post(`service_id=${ids['service']}`, 'vars[date_canceled]=end_of_term'), (r) => expect(r).toBeNull()),
    invalid: error500(post(`service_id=${ids['service']}`)),
    missing: rule(post('service_id=9999', 'vars[date_canceled]=end_of_term'), 'service_id', 'exists'),
  },
  // invoices
  {
    name: 'invoices/add',
    formats: true,
    ok: () => ok(post(`vars[client_id]=${client()}`, 'vars[date_billed]=2025-01-01', 'vars[date_due]=2025-01-31', 'vars[currency]=USD', 'vars[lines][0][description]=Audit', 'vars[lines][0][amount]=10'), isId),
    invalid: rule(post(`vars[client_id]=${client()}`, 'vars[date_billed]=never', 'vars[date_due]=2025-01-31', 'vars[currency]=USD'), 'date_billed', 'format'),
    missing: rule(post('vars[client_id]=9999', 'vars[date_billed]=2025-01-01', 'vars[date_due]=2025-01-31', 'vars[currency]=USD'), 'client_id', 'exists'),
  },
  { name: 'invoices/get', formats: true, ok: () => ok(get(`invoice_id=${ids['invoice']}`), isObject), invalid: error500(get()), missing: value(get('invoice_id=9999'), false) },
  { name: 'invoices/getList', formats: true, ok: () => ok(get(`client_id=${client()}`), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('client_id=9999'), []) },
  { name: 'invoices/getListCount', ok: () => ok(get(`client_id=${client()}`), isCount), invalid: NOTHING_INVALID, missing: value(get('client_id=9999'), 0) },
  {
    name: 'invoices/edit',
    ok: () => ok(put(`invoice_id=${ids['invoice']}`, 'vars[note_public]=Thanks'), isId),
    invalid: rule(put(`invoice_id=${ids['invoice']}`, 'vars[status]=pending-ish'), 'status', 'format'),
    missing: rule(put('invoice_id=9999', 'vars[note_public]=x'), 'invoice_id', 'exists'),
  },
  {
    name: 'invoices/void',
    ok: () => ok(post(`invoice_id=${ids['voidInvoice']}`), (r) => expect(r).toBeNull()),
    invalid: rule(post(`invoice_id=${ids['voidInvoice']}`), 'invoice_id', 'voidable'),
    missing: rule(post('invoice_id=9999'), 'invoice_id', 'exists'),
  },
  { name: 'invoices/amountDue', ok: () => ok(get(`invoice_id=${ids['invoice']}`), (r) => expect(r).toBe('10.0000')), invalid: error500(get()), missing: value(get('invoice_id=9999'), false) },
  // transactions
  {
    name: 'transactions/add',
    formats: true,
    ok: () => ok(post(`vars[client_id]=${client()}`, 'vars[amount]=5', 'vars[currency]=USD'), isId),
    invalid: rule(post(`vars[client_id]=${client()}`, 'vars[amount]=five', 'vars[currency]=USD'), 'amount', 'format'),
    missing: rule(post('vars[client_id]=9999', 'vars[amount]=5', 'vars[currency]=USD'), 'client_id', 'exists'),
  },
  { name: 'transactions/get', formats: true, ok: () => ok(get(`transaction_id=${ids['transaction']}`), isObject), invalid: error500(get()), missing: value(get('transaction_id=9999'), false) },
  { name: 'transactions/getList', formats: true, ok: () => ok(get(`client_id=${client()}`), isList), invalid: error500(get('order_by=id'), ARRAY_TYPE_ERROR), missing: value(get('client_id=9999'), []) },
  { name: 'transactions/getListCount', ok: () => ok(get(`client_id=${client()}`), isCount), invalid: NOTHING_INVALID, missing: value(get('client_id=9999'), 0) },
  {
    name: 'transactions/apply',
    ok: () => ok(post(`transaction_id=${ids['transaction']}`, `vars[amounts][0][invoice_id]=${ids['invoice']}`, 'vars[amounts][0][amount]=1'), (r) => expect(r).toBeNull()),
    invalid: rule(post(`transaction_id=${ids['transaction']}`, `vars[amounts][0][invoice_id]=${ids['invoice']}`, 'vars[amounts][0][amount]=500'), 'amounts[][amount]', 'valid'),
    missing: rule(post('transaction_id=9999', `vars[amounts][0][invoice_id]=${ids['invoice']}`, 'vars[amounts][0][amount]=1'), 'transaction_id', 'exists'),
  },
  { name: 'transactions/getApplied', ok: () => ok(get(`transaction_id=${ids['transaction']}`), isList), invalid: NOTHING_INVALID, missing: value(get('transaction_id=9999'), []) },
  // taxes
  {
    name: 'taxes/add',
    formats: true,
    ok: (n) => ok(post('vars[level]=2', `vars[name]=Audit ${n}`, 'vars[amount]=1', 'vars[status]=inactive'), isId),
    invalid: rule(post('vars[name]=T', 'vars[amount]=-1'), 'amount', 'format'),
    missing: NO_REFERENCE,
  },
  { name: 'taxes/get', formats: true, ok: () => ok(get(`tax_id=${ids['tax']}`), isObject), invalid: error500(get()), missing: value(get('tax_id=9999'), false) },
  { name: 'taxes/getAll', ok: () => ok(get(), isList), invalid: 'takes no parameters', missing: 'takes no parameters: an empty list when there are no rules' },
  {
    name: 'taxes/delete',
    ok: () => ok(del(`tax_id=${ids['tax']}`), (r) => expect(r).toBeNull()),
    invalid: error500(del()),
    missing: rule(del('tax_id=9999'), 'tax_id', 'exists'),
  },
  // encryption (AppModel helpers)
  { name: 'encryption/systemEncrypt', ok: () => ok(post('value=audit'), (r) => expect(typeof r).toBe('string')), invalid: error500(post()), missing: 'encrypts the value given: there is nothing to look up' },
  { name: 'encryption/systemDecrypt', ok: () => ok(post(`value=${ids['cipher']}`), (r) => expect(r).toBe('audit')), invalid: error500(post()), missing: value(post('value=bm90IGVuY3J5cHRlZA=='), false) },
  { name: 'encryption/systemHash', ok: () => ok(post('value=audit'), (r) => expect(r).toMatch(/^[0-9a-f]{64}$/)), invalid: error500(post()), missing: 'hashes the value given: there is nothing to look up' },
];
const NAMES = rows().map((r) => r.name);
const FORMAT_NAMES = rows()
  .filter((r) => r.formats)
  .map((r) => r.name);
const row = (name: string): Row => {
  const found = rows().find((r) => r.name === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

describe('billing audit: every method, success / bad input / not found', () => {
  let gw: TestGateway;
  const send = async (name: string, req: Req, format = 'json'): Promise<{ status: number; body: string }> => {
    const query = req.pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&');
    const inQuery = req.verb === 'GET' || req.verb === 'DELETE';
    return call(`${gw.url}/billing/api/${name}.${format}${inQuery && query ? `?${query}` : ''}`, {
      method: req.verb,
      headers: { authorization: AUTH, ...(inQuery ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(inQuery ? {} : { body: query }),
    });
  };
  const response = async (name: string, req: Req): Promise<unknown> => {
    const r = await send(name, req);
    if (r.status !== 200) throw new Error(`setup ${name} answered ${r.status}: ${r.body}`);
    return (JSON.parse(r.body) as { response: unknown }).response;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
    const owner = (await response('clients/create', post('vars[username]=audit-owner', 'vars[new_password]=secret-1', 'vars[first_name]=Audit', 'vars[last_name]=Owner', 'vars[email]=owner@example.com'))) as { id: string; user_id: string };
    ids['client'] = owner.id;
    ids['user'] = owner.user_id;
    ids['primaryContact'] = ((await response('contacts/getAll', get(`client_id=${owner.id}`, 'contact_type=primary'))) as Array<{ id: string }>)[0].id;
    ids['spareUser'] = String(await response('users/add', post('vars[username]=audit-spare', 'vars[new_password]=secret-1')));
    ids['bareUser'] = String(await response('users/add', post('vars[username]=audit-bare', 'vars[new_password]=secret-1')));
    ids['bareUser2'] = String(await response('users/add', post('vars[username]=audit-bare2', 'vars[new_password]=secret-1')));
    ids['spareClient'] = ((await response('clients/create', post('vars[username]=audit-spare-client', 'vars[new_password]=secret-1', 'vars[first_name]=S', 'vars[last_name]=C', 'vars[email]=sc@example.com'))) as { id: string }).id;
    ids['contact'] = String(await response('contacts/add', post(`vars[client_id]=${owner.id}`, 'vars[first_name]=Bill', 'vars[last_name]=Ing', 'vars[email]=billing@example.com')));
    ids['package'] = String(await response('packages/add', post('vars[name]=Audit plan', 'vars[pricing][0][price]=10', 'vars[pricing][0][currency]=USD')));
    ids['pricing'] = ((await response('packages/get', get(`package_id=${ids['package']}`))) as { pricing: Array<{ id: string }> }).pricing[0].id;
    ids['sparePackage'] = String(await response('packages/add', post('vars[name]=Spare plan', 'vars[pricing][0][price]=1', 'vars[pricing][0][currency]=USD')));
    ids['service'] = String(await response('services/add', post(`vars[pricing_id]=${ids['pricing']}`, `vars[client_id]=${owner.id}`, 'vars[status]=active')));
    const invoice = (...extra: string[]) => response('invoices/add', post(`vars[client_id]=${owner.id}`, 'vars[date_billed]=2025-01-01', 'vars[date_due]=2025-01-31', 'vars[currency]=USD', 'vars[lines][0][description]=Audit', 'vars[lines][0][amount]=10', ...extra));
    ids['invoice'] = String(await invoice());
    ids['voidInvoice'] = String(await invoice());
    ids['transaction'] = String(await response('transactions/add', post(`vars[client_id]=${owner.id}`, 'vars[amount]=5', 'vars[currency]=USD')));
    ids['tax'] = String(await response('taxes/add', post('vars[level]=1', 'vars[name]=Audit tax', 'vars[amount]=0', 'vars[status]=inactive')));
    ids['cipher'] = String(await response('encryption/systemEncrypt', post('value=audit')));
  });
  afterAll(() => gw.close());

  it('the table has one row per registered method, and nothing else', () => {
    const registered = gw.app
      .get(BlestaRegistry)
      .all()
      .map((m) => `${m.model}/${m.method}`)
      .sort();
    expect([...NAMES].sort()).toEqual(registered);
  });

  const check = async (name: string, c: Case): Promise<void> => {
    const r = await send(name, c.req);
    const body = JSON.parse(r.body) as { message?: string; errors?: Record<string, Record<string, string>>; response: unknown };
    switch (c.expect.kind) {
      case 'ok':
        expect({ status: r.status, body }).toMatchObject({ status: 200 });
        expect(body.response).not.toBe(false);
        c.expect.check?.(body.response);
        return;
      case 'value':
        expect({ status: r.status, response: body.response }).toEqual({ status: 200, response: c.expect.value });
        return;
      case 'rule':
        expect({ status: r.status, body }).toMatchObject({
          status: 400,
          body: { message: 'The request cannot be fulfilled due to bad syntax.', errors: { [c.expect.field]: { [c.expect.rule]: expect.any(String) } } },
        });
        return;
      case 'error500':
        expect(r.status).toBe(500);
        expect(body).toEqual(c.expect.response === undefined ? MISSING_DEFAULT : { message: MISSING_DEFAULT.message, response: c.expect.response });
        return;
    }
  };

  // Before the table, whose last calls delete what these read.
  it.each(FORMAT_NAMES)('%s in xml and php', async (name) => {
    const { ok: okCall } = row(name);
    const root = name.split('/')[0];
    const xml = await send(name, okCall(1).req, 'xml');
    expect(xml.status).toBe(200);
    expect(xml.body.startsWith(`<?xml version="1.0" encoding="UTF-8" ?>\n<${root}>\n\t`)).toBe(true);
    expect(xml.body).toMatch(new RegExp(`<response[ >][\\s\\S]*</${root}>$`));
    const php = await send(name, okCall(2).req, 'php');
    expect(php.status).toBe(200);
    expect(php.body.startsWith('a:1:{s:8:"response";')).toBe(true);
    expect(php.body.endsWith('}')).toBe(true);
  });

  // Rows run in order: a row's success call may change what the next row finds (suspend, then unsuspend).
  it.each(NAMES)('%s', async (name) => {
    const { ok: okCall, invalid, missing } = row(name);
    await check(name, okCall(0));
    if (typeof invalid === 'string') expect(invalid.length).toBeGreaterThan(0);
    else await check(name, invalid);
    if (typeof missing === 'string') expect(missing.length).toBeGreaterThan(0);
    else await check(name, missing);
  });

});
