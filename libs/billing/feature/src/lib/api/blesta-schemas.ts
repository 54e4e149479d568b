/**
 * OpenAPI schemas of what billing methods answer in `response`, so a generated client gets types
 * rather than `unknown`. Blesta rows are PHP stdClass objects whose columns are all strings (or
 * NULL); amounts are 4-decimal strings, timestamps "YYYY-MM-DD hh:mm:ss" in UTC. The hostile-values
 * e2e test checks every JSON answer against these.
 */
export type OpenApiSchema = Readonly<Record<string, unknown>>;

const text: OpenApiSchema = { type: 'string' };
const nullableText: OpenApiSchema = { type: 'string', nullable: true };
const numeric: OpenApiSchema = { type: 'string', pattern: '^[0-9]+$' };
const nullableNumeric: OpenApiSchema = { type: 'string', pattern: '^[0-9]+$', nullable: true };
const amount: OpenApiSchema = { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{4}$' };
const timestamp: OpenApiSchema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$', nullable: true };
const flag: OpenApiSchema = { type: 'string', enum: ['0', '1'] };
/** A PHP array that may be empty ([] in JSON) or keyed ({} in JSON). */
const phpArray: OpenApiSchema = { description: 'A PHP array: [] when empty, else an object' };

/** Every listed column is always present. */
function row(description: string, properties: Readonly<Record<string, OpenApiSchema>>): OpenApiSchema {
  return { type: 'object', description, required: Object.keys(properties), properties };
}

const ref = (name: keyof typeof COMPONENTS): OpenApiSchema => ({ $ref: `#/components/schemas/${name}` });

/** A contact's postal address, as contacts and clients (their primary contact's) carry it. */
const address = { address1: nullableText, address2: nullableText, city: nullableText, state: nullableText, zip: nullableText, country: nullableText };

const taxColumns = { id: numeric, company_id: numeric, level: numeric, name: text, amount, type: text, country: nullableText, state: nullableText, status: text };

const invoiceColumns = {
  id: numeric,
  id_format: text,
  id_value: numeric,
  client_id: numeric,
  date_billed: timestamp,
  date_due: timestamp,
  date_closed: timestamp,
  date_autodebit: timestamp,
  status: text,
  subtotal: amount,
  total: amount,
  paid: amount,
  currency: text,
  note_public: nullableText,
  note_private: nullableText,
  id_code: text,
  due: amount,
};

const pricing = row('A package pricing', { id: numeric, package_id: numeric, pricing_id: numeric, term: numeric, period: text, price: amount, setup_fee: amount, cancel_fee: amount, currency: text });

/** The billing document's own components (added beside BlestaError). */
export const COMPONENTS = {
  BlestaUser: row('A user (without its password hash and two-factor secret)', { id: numeric, username: text, two_factor_mode: text, date_added: timestamp }),
  BlestaContact: row('A contact', {
    id: numeric,
    client_id: numeric,
    user_id: nullableNumeric,
    contact_type: text,
    contact_type_id: nullableNumeric,
    first_name: text,
    last_name: text,
    title: nullableText,
    company: nullableText,
    email: text,
    ...address,
    date_added: timestamp,
  }),
  BlestaClient: row('A client with its primary contact, group and login folded in (Clients::get adds settings)', {
    id: numeric,
    id_format: text,
    id_value: numeric,
    user_id: numeric,
    client_group_id: numeric,
    primary_account_id: nullableNumeric,
    primary_account_type: nullableText,
    status: text,
    inv_address_to: nullableNumeric,
    id_code: text,
    contact_id: nullableNumeric,
    first_name: nullableText,
    last_name: nullableText,
    company: nullableText,
    title: nullableText,
    email: nullableText,
    ...address,
    group_name: nullableText,
    company_id: numeric,
    username: nullableText,
    two_factor_mode: nullableText,
    date_added: timestamp,
  }),
  BlestaCompany: row('A company', { id: numeric, key: text, name: text, hostname: text, address: nullableText, phone: nullableText, quota: nullableText }),
  BlestaCompanySetting: row('A company setting', { key: text, value: nullableText, encrypted: flag, company_id: numeric, inherit: flag }),
  BlestaCurrency: row('A currency of a company', {
    code: text,
    company_id: numeric,
    format: text,
    precision: numeric,
    prefix: nullableText,
    suffix: nullableText,
    exchange_rate: text,
    exchange_updated: timestamp,
  }),
  BlestaTax: row('A tax rule; amount is the rate in percent', taxColumns),
  BlestaInvoice: row('An invoice with its line items, deliveries and taxes', {
    ...invoiceColumns,
    line_items: {
      type: 'array',
      items: row('An invoice line', {
        id: numeric,
        invoice_id: numeric,
        service_id: nullableNumeric,
        description: text,
        qty: amount,
        amount,
        tax: flag,
        order: numeric,
        taxes: { type: 'array', items: row('A tax applied', { ...taxColumns, cascade: flag, tax_total: amount }) },
      }),
    },
    delivery: { type: 'array', items: row('A delivery', { id: numeric, invoice_id: numeric, method: text, date_sent: timestamp }) },
    meta: phpArray,
    taxes: { type: 'array', items: row('A tax applied', { ...taxColumns, cascade: flag, tax_total: amount }) },
    tax_subtotal: amount,
    tax_total: amount,
  }),
  BlestaInvoiceListItem: row('An invoice in a list, with its client', {
    ...invoiceColumns,
    client_id_code: text,
    client_first_name: nullableText,
    client_last_name: nullableText,
    client_company: nullableText,
    client_address1: nullableText,
    client_email: nullableText,
  }),
  BlestaTransaction: row('A transaction, with how much of it is applied and how much is credit', {
    id: numeric,
    client_id: numeric,
    amount,
    currency: text,
    type: text,
    transaction_type_id: nullableNumeric,
    account_id: nullableNumeric,
    gateway_id: nullableNumeric,
    transaction_id: nullableText,
    reference_id: nullableText,
    message: nullableText,
    status: text,
    date_added: timestamp,
    applied_amount: amount,
    credited_amount: amount,
  }),
  BlestaAppliedAmount: row('An amount of a transaction applied to an invoice', {
    transaction_id: numeric,
    invoice_id: numeric,
    applied_amount: amount,
    applied_date: timestamp,
    invoice_id_code: text,
    currency: text,
  }),
  BlestaPackage: row('A package with its names and pricing', {
    id: numeric,
    id_format: text,
    id_value: numeric,
    module: nullableText,
    name: text,
    description: nullableText,
    qty: nullableNumeric,
    taxable: flag,
    status: text,
    company_id: numeric,
    id_code: text,
    names: { type: 'array', items: row('A name of the package', { lang: text, name: text }) },
    meta: phpArray,
    pricing: { type: 'array', items: pricing },
  }),
  BlestaService: row('A service with its package, pricing and module fields', {
    id: numeric,
    id_format: text,
    id_value: numeric,
    parent_service_id: nullableNumeric,
    package_group_id: nullableNumeric,
    pricing_id: numeric,
    client_id: numeric,
    qty: numeric,
    override_price: { ...amount, nullable: true },
    override_currency: nullableText,
    status: text,
    suspension_reason: nullableText,
    date_added: timestamp,
    date_renews: timestamp,
    date_suspended: timestamp,
    date_canceled: timestamp,
    id_code: text,
    name: nullableText,
    package_pricing: { ...pricing, nullable: true },
    package: { ...row('The package', { id: numeric, name: text, module: nullableText, status: text }), nullable: true },
    fields: { type: 'array', items: row('A module field', { key: text, value: text, serialized: flag, encrypted: flag }) },
    options: { type: 'array', items: {} },
  }),
} as const;

/** The new row's id. */
export const NEW_ID: OpenApiSchema = numeric;
/** Blesta's getListCount: an integer. */
export const COUNT: OpenApiSchema = { type: 'integer', minimum: 0 };
export const BOOLEAN: OpenApiSchema = { type: 'boolean' };
export const TEXT: OpenApiSchema = text;
export const AMOUNT_OR_FALSE: OpenApiSchema = { oneOf: [amount, { type: 'boolean', enum: [false] }] };
export const TEXT_OR_FALSE: OpenApiSchema = { oneOf: [text, { type: 'boolean', enum: [false] }] };

/** One row. */
export const one = (name: keyof typeof COMPONENTS): OpenApiSchema => ({ allOf: [ref(name)] });
/** One row, or false when there is none. */
export const oneOrFalse = (name: keyof typeof COMPONENTS): OpenApiSchema => ({ oneOf: [ref(name), { type: 'boolean', enum: [false] }] });
/** A list of rows (a PHP list: a JSON array). */
export const listOf = (name: keyof typeof COMPONENTS): OpenApiSchema => ({ type: 'array', items: ref(name) });
