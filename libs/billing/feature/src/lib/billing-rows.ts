import { type AppliedTax, type AppliedView, type ClientView, type InvoiceListRow, type InvoiceView, type PackageView, type ServiceView, type TransactionView } from '@hostgate/domain';
import { asStdClass, type PhpRecord, type PhpValue } from '@hostgate/shared/formats';
import { type CompanyEntity, type CompanySettingEntity, type ContactEntity, type CurrencyEntity, type InvoiceLineEntity, type PackagePricingEntity, type TaxEntity } from '@hostgate/shared/persistence';
import { blestaAmount, blestaTimestamp } from './api/blesta-values';

/** Blesta rows are stdClass objects whose columns are all strings (or NULL). */
const id = (n: number | null): string | null => (n === null ? null : String(n));

export function contactRow(c: ContactEntity): PhpValue {
  return asStdClass({
    id: String(c.id),
    client_id: String(c.clientId),
    user_id: id(c.userId),
    contact_type: c.contactType,
    contact_type_id: id(c.contactTypeId),
    first_name: c.firstName,
    last_name: c.lastName,
    title: c.title,
    company: c.company,
    email: c.email,
    address1: c.address1,
    address2: c.address2,
    city: c.city,
    state: c.state,
    zip: c.zip,
    country: c.country,
    date_added: blestaTimestamp(c.dateAdded),
  });
}

/** Clients::get's row: clients.* with the primary contact, group and login folded in. */
export function clientRow(v: ClientView, withSettings: boolean): PhpValue {
  const c = v.client;
  const row: PhpRecord = {
    id: String(c.id),
    id_format: c.idFormat,
    id_value: String(c.idValue),
    user_id: String(c.userId),
    client_group_id: String(c.clientGroupId),
    primary_account_id: id(c.primaryAccountId),
    primary_account_type: c.primaryAccountType,
    status: c.status,
    inv_address_to: id(c.invAddressTo),
    id_code: v.idCode,
    contact_id: v.contact ? String(v.contact.id) : null,
    first_name: v.contact?.firstName ?? null,
    last_name: v.contact?.lastName ?? null,
    company: v.contact?.company ?? null,
    title: v.contact?.title ?? null,
    email: v.contact?.email ?? null,
    address1: v.contact?.address1 ?? null,
    address2: v.contact?.address2 ?? null,
    city: v.contact?.city ?? null,
    state: v.contact?.state ?? null,
    zip: v.contact?.zip ?? null,
    country: v.contact?.country ?? null,
    group_name: v.group?.name ?? null,
    company_id: String(c.companyId),
    username: v.user?.username ?? null,
    two_factor_mode: v.user?.twoFactorMode ?? null,
    date_added: blestaTimestamp(c.dateAdded),
  };
  // An empty PHP array is [] in JSON, as Blesta sends empty settings.
  if (withSettings) row['settings'] = { ...v.settings };
  return asStdClass(row);
}

export function companyRow(c: CompanyEntity): PhpValue {
  return asStdClass({ id: String(c.id), key: c.key, name: c.name, hostname: c.hostname, address: null, phone: null, quota: null });
}

export function companySettingRow(s: CompanySettingEntity): PhpValue {
  return asStdClass({ key: s.key, value: s.value, encrypted: '0', company_id: String(s.companyId), inherit: '1' });
}

export function currencyRow(c: CurrencyEntity): PhpValue {
  return asStdClass({
    code: c.code,
    company_id: String(c.companyId),
    format: c.format,
    precision: String(c.precision),
    prefix: c.prefix,
    suffix: c.suffix,
    exchange_rate: c.exchangeRate,
    exchange_updated: blestaTimestamp(c.exchangeUpdated),
  });
}

/** Taxes::get: a company tax rule; the rate (`amount`) is a percentage with 4 decimals. */
export function taxRow(t: TaxEntity): PhpValue {
  return asStdClass(taxFields(t));
}

function taxFields(t: TaxEntity): PhpRecord {
  return { id: String(t.id), company_id: String(t.companyId), level: String(t.level), name: t.name, amount: blestaAmount(t.amount), type: t.type, country: t.country, state: t.state, status: t.status };
}

/** A rule as applied on a line or an invoice, with the tax it came to. */
function appliedTaxRow(a: AppliedTax): PhpValue {
  return asStdClass({ ...taxFields(a.tax), cascade: a.cascaded ? '1' : '0', tax_total: blestaAmount(a.amount) });
}

function lineRow(l: InvoiceLineEntity, taxes: readonly AppliedTax[]): PhpValue {
  return asStdClass({
    id: String(l.id),
    invoice_id: String(l.invoiceId),
    service_id: id(l.serviceId),
    description: l.description,
    qty: blestaAmount(l.qty),
    amount: blestaAmount(l.amount),
    tax: l.tax ? '1' : '0',
    order: String(l.lineOrder),
    taxes: taxes.map(appliedTaxRow),
  });
}

/** The invoices table's own columns, in Blesta's order. */
function invoiceColumns(i: InvoiceView['invoice']): PhpRecord {
  return {
    id: String(i.id),
    id_format: i.idFormat,
    id_value: String(i.idValue),
    client_id: String(i.clientId),
    date_billed: blestaTimestamp(i.dateBilled),
    date_due: blestaTimestamp(i.dateDue),
    date_closed: blestaTimestamp(i.dateClosed),
    date_autodebit: blestaTimestamp(i.dateAutodebit),
    status: i.status,
    subtotal: blestaAmount(i.subtotal),
    total: blestaAmount(i.total),
    paid: blestaAmount(i.paid),
    currency: i.currency,
    note_public: i.notePublic,
    note_private: i.notePrivate,
  };
}

/** Invoices::get: invoices.* with id_code, line_items, delivery and the tax summary. */
export function invoiceRow(v: InvoiceView): PhpValue {
  return asStdClass({
    ...invoiceColumns(v.invoice),
    id_code: v.idCode,
    due: blestaAmount(v.due),
    line_items: v.lines.map((l) => lineRow(l, v.lineTaxes.get(l.id) ?? [])),
    delivery: v.delivery.map((d) => asStdClass({ id: String(d.id), invoice_id: String(d.invoiceId), method: d.method, date_sent: blestaTimestamp(d.dateSent) })),
    meta: [],
    taxes: v.taxes.map(appliedTaxRow),
    // The tax already inside the subtotal (inclusive rules), and all tax (inclusive + exclusive).
    tax_subtotal: blestaAmount(v.taxIncluded),
    tax_total: blestaAmount(v.taxTotal),
  });
}

/** Invoices::getList rows: invoices.* with the client's id code and primary contact, and the amount due. */
export function invoiceListRow(r: InvoiceListRow): PhpValue {
  return asStdClass({
    ...invoiceColumns(r.invoice),
    id_code: r.idCode,
    client_id_code: r.clientIdCode,
    client_first_name: r.contact?.firstName ?? null,
    client_last_name: r.contact?.lastName ?? null,
    client_company: r.contact?.company ?? null,
    client_address1: r.contact?.address1 ?? null,
    client_email: r.contact?.email ?? null,
    due: blestaAmount(r.due),
  });
}

/** Transactions::get / getList rows: transactions.* with how much is applied and how much is credit. */
export function transactionRow(v: TransactionView): PhpValue {
  const t = v.transaction;
  return asStdClass({
    id: String(t.id),
    client_id: String(t.clientId),
    amount: blestaAmount(t.amount),
    currency: t.currency,
    type: t.type,
    transaction_type_id: id(t.transactionTypeId),
    account_id: id(t.accountId),
    gateway_id: id(t.gatewayId),
    transaction_id: t.transactionId,
    reference_id: t.referenceId,
    message: t.message,
    status: t.status,
    date_added: blestaTimestamp(t.dateAdded),
    applied_amount: blestaAmount(v.applied),
    credited_amount: blestaAmount(t.amount - v.applied),
  });
}

export function appliedRow(v: AppliedView): PhpValue {
  return asStdClass({
    transaction_id: String(v.applied.transactionId),
    invoice_id: String(v.applied.invoiceId),
    applied_amount: blestaAmount(v.applied.amount),
    applied_date: blestaTimestamp(v.applied.date),
    invoice_id_code: v.invoiceIdCode,
    currency: v.currency,
  });
}

function pricingRow(p: PackagePricingEntity): PhpValue {
  return asStdClass({
    id: String(p.id),
    package_id: String(p.packageId),
    pricing_id: String(p.id),
    term: String(p.term),
    period: p.period,
    price: blestaAmount(p.price),
    setup_fee: blestaAmount(p.setupFee),
    cancel_fee: blestaAmount(p.cancelFee),
    currency: p.currency,
  });
}

/** Packages::get: packages.* with id_code, pricing[], names[] and the module meta. */
export function packageRow(v: PackageView): PhpValue {
  const p = v.pkg;
  return asStdClass({
    id: String(p.id),
    id_format: p.idFormat,
    id_value: String(p.idValue),
    module: p.module,
    name: p.name,
    description: p.description,
    qty: id(p.qty),
    taxable: p.taxable ? '1' : '0',
    status: p.status,
    company_id: String(p.companyId),
    id_code: v.idCode,
    names: [asStdClass({ lang: 'en_us', name: p.name })],
    meta: p.hostingPackage !== null ? asStdClass({ package: p.hostingPackage }) : [],
    pricing: v.pricing.map(pricingRow),
  });
}

/** Services::get: services.* with id_code, the package, its pricing and the module fields. */
export function serviceRow(v: ServiceView): PhpValue {
  const s = v.service;
  const fields: PhpValue[] = [];
  if (s.moduleUsername !== null) fields.push(asStdClass({ key: 'username', value: s.moduleUsername, serialized: '0', encrypted: '0' }));
  if (s.moduleDomain !== null) fields.push(asStdClass({ key: 'domain', value: s.moduleDomain, serialized: '0', encrypted: '0' }));
  return asStdClass({
    id: String(s.id),
    id_format: s.idFormat,
    id_value: String(s.idValue),
    parent_service_id: null,
    package_group_id: null,
    pricing_id: String(s.pricingId),
    client_id: String(s.clientId),
    qty: String(s.qty),
    override_price: s.overridePrice === null ? null : blestaAmount(s.overridePrice),
    override_currency: s.overrideCurrency,
    status: s.status,
    suspension_reason: s.suspensionReason,
    date_added: blestaTimestamp(s.dateAdded),
    date_renews: blestaTimestamp(s.dateRenews),
    date_suspended: blestaTimestamp(s.dateSuspended),
    date_canceled: blestaTimestamp(s.dateCanceled),
    id_code: v.idCode,
    name: s.moduleDomain ?? s.moduleUsername ?? v.pkg?.name ?? null,
    package_pricing: v.pricing ? pricingRow(v.pricing) : null,
    package: v.pkg ? asStdClass({ id: String(v.pkg.id), name: v.pkg.name, module: v.pkg.module, status: v.pkg.status }) : null,
    fields,
    options: [],
  });
}
