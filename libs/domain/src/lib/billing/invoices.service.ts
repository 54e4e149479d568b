import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import {
  ClientEntity,
  compiledFind,
  compiledFindOne,
  compiledInsert,
  compiledUpdate,
  ContactEntity,
  CurrencyEntity,
  INVOICE_STATUSES,
  InvoiceDeliveryEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceLineTaxEntity,
  type InvoiceStatus,
  TaxEntity,
} from '@hostgate/shared/persistence';
import { holdRow } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { requireTimestamp } from './billing-time';
import { ClientsService, holdClient } from './clients.service';
import { CompaniesService } from './companies.service';
import { text } from './contact-fields';
import { multiplyScaled, parseScaled, SCALE } from './money';
import { applyOrder, type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';
import { idCode, nextSequenceValue } from './sequences';
import { invoiceTotals, lineTaxes } from './tax-math';
import { type TaxPlan, TaxesService, toTaxRate } from './taxes.service';

export const INVOICE_LIST_STATUSES = ['open', 'closed', 'past_due', 'draft', 'void', 'active', 'proforma', 'all'] as const;
export type InvoiceListStatus = (typeof INVOICE_LIST_STATUSES)[number];

const DELIVERY_METHODS = ['email', 'paper', 'interfax', 'postalmethods'] as const;

export interface InvoiceView {
  readonly invoice: InvoiceEntity;
  readonly idCode: string;
  readonly lines: readonly InvoiceLineEntity[];
  readonly delivery: readonly InvoiceDeliveryEntity[];
  readonly due: bigint;
  /** The taxes applied to each line, by line id. */
  readonly lineTaxes: ReadonlyMap<number, readonly AppliedTax[]>;
  /** Each tax rule used on the invoice with the tax it came to over all lines, by level. */
  readonly taxes: readonly AppliedTax[];
  /** Σ inclusive taxes (already inside the subtotal). */
  readonly taxIncluded: bigint;
  /** Σ all taxes, inclusive and exclusive. */
  readonly taxTotal: bigint;
}

export interface AppliedTax {
  readonly tax: TaxEntity;
  readonly cascaded: boolean;
  readonly amount: bigint;
}

export interface InvoiceListRow {
  readonly invoice: InvoiceEntity;
  readonly idCode: string;
  readonly clientIdCode: string;
  readonly contact: ContactEntity | null;
  readonly due: bigint;
}

interface LineInput {
  readonly id?: number;
  readonly serviceId: number | null;
  readonly description: string;
  readonly qty: bigint;
  readonly amount: bigint;
  readonly tax: boolean;
}

const ORDER_COLUMNS: Readonly<Record<string, string>> = {
  id: 'i.id',
  id_code: 'i.id_value',
  client_id: 'i.client_id',
  date_billed: 'i.date_billed',
  date_due: 'i.date_due',
  date_closed: 'i.date_closed',
  status: 'i.status',
  total: 'i.total',
  paid: 'i.paid',
  subtotal: 'i.subtotal',
  currency: 'i.currency',
};

const isTrue = (v: unknown): boolean => v === true || ['1', 'true', 'on', 'yes'].includes((text(v) ?? '').toLowerCase());
const records = (v: unknown): Array<Record<string, unknown>> =>
  v === undefined || v === null || v === '' ? [] : typeof v === 'object' ? Object.values(v as Record<string, unknown>).map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})) : [];

/** Invoices: an invoice, its lines and its delivery methods are written in one transaction. */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    private readonly companies: CompaniesService,
    private readonly taxes: TaxesService,
  ) {}

  /** Invoices::add; returns the new invoice id. */
  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    // Every field is checked before answering, so one 400 names every failure (Blesta's Input rules).
    const checks = new BillingChecks();
    const client = await checks.checkAsync(() => this.clients.owned(companyId, Number(text(vars['client_id']) ?? NaN)), null);
    const settings = await this.companies.settingValues(companyId, ['timezone', 'inv_format', 'inv_start', 'inv_increment', 'cascade_tax']);
    // Settings the IN query did not find are not set: null, so neither is read again.
    const zone = await this.companies.timeZone(companyId, settings.timezone ?? null);
    const dateBilled = checks.check(() => requireTimestamp(vars['date_billed'], zone, 'date_billed', 'Invalid bill date.'), null);
    const dateDue = checks.check(() => requireTimestamp(vars['date_due'], zone, 'date_due', 'Invalid due date.'), null);
    if (dateBilled && dateDue && dateDue < dateBilled) checks.fail('date_due', 'valid', 'The due date must be on or after the bill date.');
    const status = checks.check(() => this.status(vars['status'] ?? 'active'), 'active');
    const currency = await checks.checkAsync(() => this.currency(companyId, vars['currency']), '');
    const lines = checks.check(() => this.lines(vars['lines'], false), []);
    const delivery = checks.check(() => this.delivery(vars['delivery']), []);
    const dateClosed = checks.check(() => (vars['date_closed'] !== undefined && vars['date_closed'] !== '' ? requireTimestamp(vars['date_closed'], zone, 'date_closed', 'Invalid closed date.') : null), null);
    const dateAutodebit = checks.check(
      () => (vars['date_autodebit'] !== undefined && vars['date_autodebit'] !== '' ? requireTimestamp(vars['date_autodebit'], zone, 'date_autodebit', 'Invalid autodebit date.') : null),
      null,
    );
    checks.done();
    // done() threw if any of these had failed.
    if (!client || !dateBilled || !dateDue) throw new Error('invoice checks passed without their values');
    const plan = await this.taxes.planFor(companyId, client.id, settings.cascade_tax ?? null);
    const format = settings.inv_format ?? '{num}';
    const start = Number(settings.inv_start ?? '1');
    const increment = Number(settings.inv_increment ?? '1');
    return this.dataSource.transaction(async (tx) => {
      await holdClient(tx, client.id, 'share');
      const repo = tx.getRepository(InvoiceEntity);
      // The number is drawn last, just before the commit: on PostgreSQL the counter row stays locked
      // until then, so drawing it first made concurrent adds wait for each other's whole
      // transaction. Until then the row carries a format of its own (unique, never committed).
      const values = {
        idFormat: `pending:${randomUUID()}`,
        idValue: 0,
        clientId: client.id,
        companyId,
        dateBilled,
        dateDue,
        dateClosed,
        dateAutodebit,
        status,
        currency,
        notePublic: text(vars['note_public']) ?? null,
        notePrivate: text(vars['note_private']) ?? null,
        subtotal: 0n,
        total: 0n,
        paid: 0n,
        dateAdded: new Date(),
      };
      const invoice = repo.create({ ...values, id: await compiledInsert(repo, values) });
      await this.writeLines(tx, invoice, lines, plan);
      await this.writeDelivery(tx, invoice.id, delivery);
      const idValue = await nextSequenceValue(tx, companyId, 'invoice', start, increment);
      await compiledUpdate(repo, { id: invoice.id }, { idFormat: format, idValue, subtotal: invoice.subtotal, total: invoice.total });
      return invoice.id;
    });
  }

  async get(companyId: number, invoiceId: number): Promise<InvoiceView | null> {
    const invoice = Number.isSafeInteger(invoiceId) && invoiceId > 0 ? await compiledFindOne(this.dataSource.getRepository(InvoiceEntity), { id: invoiceId, companyId }) : null;
    if (!invoice) return null;
    const [lines, delivery, applied] = await Promise.all([
      compiledFind(this.dataSource.getRepository(InvoiceLineEntity), { invoiceId: invoice.id }, { order: { lineOrder: 'ASC', id: 'ASC' } }),
      compiledFind(this.dataSource.getRepository(InvoiceDeliveryEntity), { invoiceId: invoice.id }, { order: { id: 'ASC' } }),
      compiledFind(this.dataSource.getRepository(InvoiceLineTaxEntity), { invoiceId: invoice.id }),
    ]);
    const rules = applied.length === 0 ? [] : await compiledFind(this.dataSource.getRepository(TaxEntity), { id: [...new Set(applied.map((a) => a.taxId))] });
    const lineTaxMap = new Map<number, AppliedTax[]>();
    const byRule = new Map<number, AppliedTax>();
    for (const a of applied) {
      const tax = rules.find((r) => r.id === a.taxId);
      if (!tax) continue;
      lineTaxMap.set(a.lineId, [...(lineTaxMap.get(a.lineId) ?? []), { tax, cascaded: a.cascaded, amount: a.taxAmount }].sort((x, y) => x.tax.level - y.tax.level));
      const sum = byRule.get(tax.id);
      byRule.set(tax.id, { tax, cascaded: (sum?.cascaded ?? false) || a.cascaded, amount: (sum?.amount ?? 0n) + a.taxAmount });
    }
    const taxes = [...byRule.values()].sort((x, y) => x.tax.level - y.tax.level || x.tax.id - y.tax.id);
    const taxIncluded = taxes.filter((t) => t.tax.type === 'inclusive').reduce((sum, t) => sum + t.amount, 0n);
    const taxTotal = taxes.reduce((sum, t) => sum + t.amount, 0n);
    return { invoice, idCode: idCode(invoice.idFormat, invoice.idValue), lines, delivery, due: due(invoice), lineTaxes: lineTaxMap, taxes, taxIncluded, taxTotal };
  }

  async list(companyId: number, clientId: number | null, status: string, page: PageRequest): Promise<InvoiceListRow[]> {
    const order = resolveOrder(page.orderBy, ORDER_COLUMNS, [['date_due', 'ASC']]);
    const qb = this.filtered(companyId, clientId, status).offset(pageOffset(page.page)).limit(PAGE_SIZE);
    applyOrder(qb, order, ['i.id', 'ASC']);
    const invoices = await qb.getMany();
    if (invoices.length === 0) return [];
    const clientIds = [...new Set(invoices.map((i) => i.clientId))];
    const [clients, contacts] = await Promise.all([
      this.dataSource.getRepository(ClientEntity).findBy({ id: In(clientIds) }),
      this.dataSource.getRepository(ContactEntity).findBy({ clientId: In(clientIds), contactType: 'primary' }),
    ]);
    return invoices.map((invoice) => {
      const client = clients.find((c) => c.id === invoice.clientId);
      return {
        invoice,
        idCode: idCode(invoice.idFormat, invoice.idValue),
        clientIdCode: client ? idCode(client.idFormat, client.idValue) : '',
        contact: contacts.find((c) => c.clientId === invoice.clientId) ?? null,
        due: due(invoice),
      };
    });
  }

  async count(companyId: number, clientId: number | null, status: string): Promise<number> {
    return this.filtered(companyId, clientId, status).getCount();
  }

  /**
   * Invoices::edit. Lines carrying an `id` update that line, or delete it when they carry nothing
   * but the id (Blesta's rule: a line without a description is removed); lines without an id are
   * added. Totals are recomputed from the lines in the same transaction.
   */
  async edit(companyId: number, invoiceId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    const invoice = await this.owned(companyId, invoiceId);
    if (invoice.status === 'void') throw billingInvalid('invoice_id', 'valid', 'A voided invoice may not be edited.');
    // Every given field is checked before anything is written, so one 400 names every failure.
    const checks = new BillingChecks();
    const zone = await this.companies.timeZone(companyId);
    const dateBilled = vars['date_billed'] !== undefined ? checks.check(() => requireTimestamp(vars['date_billed'], zone, 'date_billed', 'Invalid bill date.'), null) : invoice.dateBilled;
    const dateDue = vars['date_due'] !== undefined ? checks.check(() => requireTimestamp(vars['date_due'], zone, 'date_due', 'Invalid due date.'), null) : invoice.dateDue;
    if (dateBilled && dateDue && dateDue < dateBilled) checks.fail('date_due', 'valid', 'The due date must be on or after the bill date.');
    if (vars['status'] !== undefined) invoice.status = checks.check(() => this.status(vars['status']), invoice.status);
    if (vars['currency'] !== undefined) invoice.currency = await checks.checkAsync(() => this.currency(companyId, vars['currency']), invoice.currency);
    if (vars['note_public'] !== undefined) invoice.notePublic = text(vars['note_public']) ?? null;
    if (vars['note_private'] !== undefined) invoice.notePrivate = text(vars['note_private']) ?? null;
    const lines = vars['lines'] !== undefined ? checks.check(() => this.lines(vars['lines'], true), []) : undefined;
    // Line ids are checked against the invoice even when other line fields failed.
    const lineIds = vars['lines'] !== undefined && typeof vars['lines'] === 'object' ? records(vars['lines']).flatMap((l) => (l['id'] !== undefined && l['id'] !== '' ? [Number(text(l['id']) ?? NaN)] : [])) : [];
    if (lineIds.some((id) => Number.isSafeInteger(id))) {
      const ids = new Set((await this.dataSource.getRepository(InvoiceLineEntity).find({ select: { id: true }, where: { invoiceId: invoice.id } })).map((l) => l.id));
      if (lineIds.some((id) => Number.isSafeInteger(id) && !ids.has(id))) checks.fail('lines[][id]', 'exists', 'Invalid line item ID.');
    }
    const delivery = vars['delivery'] !== undefined ? checks.check(() => this.delivery(vars['delivery']), []) : undefined;
    checks.done();
    // done() threw if either date had failed.
    if (!dateBilled || !dateDue) throw new Error('invoice edit checks passed without its dates');
    invoice.dateBilled = dateBilled;
    invoice.dateDue = dateDue;
    const plan = await this.taxes.planFor(companyId, invoice.clientId);
    await this.dataSource.transaction(async (tx) => {
      // The invoice as it is now, held: a payment applied (or a void) since it was read above is
      // kept, not written back over with what was read.
      const current = await holdRow(tx, InvoiceEntity, { id: invoice.id, companyId }, 'update');
      if (!current) throw billingInvalid('invoice_id', 'exists', 'Invalid invoice ID.');
      if (current.status === 'void') throw billingInvalid('invoice_id', 'valid', 'A voided invoice may not be edited.');
      invoice.paid = current.paid;
      invoice.dateClosed = current.dateClosed;
      const lineRepo = tx.getRepository(InvoiceLineEntity);
      const existing = await lineRepo.find({ where: { invoiceId: invoice.id }, order: { lineOrder: 'ASC', id: 'ASC' } });
      let kept = existing;
      if (lines) {
        const added: LineInput[] = [];
        for (const line of lines) {
          if (line.id === undefined) {
            added.push(line);
            continue;
          }
          const target = existing.find((l) => l.id === line.id);
          if (!target) throw billingInvalid('lines[][id]', 'exists', 'Invalid line item ID.');
          if (line.description === '') {
            await lineRepo.delete({ id: target.id });
            kept = kept.filter((l) => l.id !== target.id);
          } else {
            Object.assign(target, { serviceId: line.serviceId, description: line.description, qty: line.qty, amount: line.amount, tax: line.tax });
            await lineRepo.save(target);
          }
        }
        const next = kept.reduce((max, l) => Math.max(max, l.lineOrder), -1) + 1;
        const created = await lineRepo.save(added.map((l, i) => lineRepo.create({ invoiceId: invoice.id, serviceId: l.serviceId, description: l.description, qty: l.qty, amount: l.amount, tax: l.tax, lineOrder: next + i })));
        kept = [...kept, ...created];
      }
      await this.retax(tx, invoice, kept, plan);
      await tx.getRepository(InvoiceEntity).save(invoice);
      if (delivery) {
        await tx.getRepository(InvoiceDeliveryEntity).delete({ invoiceId: invoice.id, dateSent: IsNull() });
        await this.writeDelivery(tx, invoice.id, delivery);
      }
    });
    return invoice.id;
  }

  /** Voids an invoice; a void invoice is closed and no longer due. */
  async void(companyId: number, invoiceId: number): Promise<void> {
    await this.owned(companyId, invoiceId);
    await this.dataSource.transaction(async (tx) => {
      // Checked on the invoice as it is now, held: a payment being applied either comes first (and
      // the void is refused) or finds the invoice void.
      const invoice = await holdRow(tx, InvoiceEntity, { id: invoiceId, companyId }, 'update');
      if (!invoice) throw billingInvalid('invoice_id', 'exists', 'Invalid invoice ID.');
      if (invoice.status === 'void') throw billingInvalid('invoice_id', 'voidable', 'The invoice is already void.');
      if (invoice.paid > 0n) throw billingInvalid('invoice_id', 'voidable', 'An invoice with payments applied may not be voided.');
      invoice.status = 'void';
      invoice.dateClosed = new Date();
      await tx.getRepository(InvoiceEntity).save(invoice);
    });
  }

  async amountDue(companyId: number, invoiceId: number): Promise<bigint | null> {
    const invoice = Number.isSafeInteger(invoiceId) && invoiceId > 0 ? await compiledFindOne(this.dataSource.getRepository(InvoiceEntity), { id: invoiceId, companyId }) : null;
    return invoice ? due(invoice) : null;
  }

  private async owned(companyId: number, invoiceId: number): Promise<InvoiceEntity> {
    const invoice = Number.isSafeInteger(invoiceId) && invoiceId > 0 ? await compiledFindOne(this.dataSource.getRepository(InvoiceEntity), { id: invoiceId, companyId }) : null;
    if (!invoice) throw billingInvalid('invoice_id', 'exists', 'Invalid invoice ID.');
    return invoice;
  }

  private filtered(companyId: number, clientId: number | null, status: string) {
    const qb = this.dataSource.getRepository(InvoiceEntity).createQueryBuilder('i').where('i.company_id = :companyId', { companyId });
    if (clientId !== null) qb.andWhere('i.client_id = :clientId', { clientId });
    switch (status as InvoiceListStatus) {
      case 'open':
        qb.andWhere("i.status = 'active' AND i.date_closed IS NULL");
        break;
      case 'closed':
        qb.andWhere("i.status = 'active' AND i.date_closed IS NOT NULL");
        break;
      case 'past_due':
        qb.andWhere("i.status = 'active' AND i.date_closed IS NULL AND i.date_due < :now", { now: new Date() });
        break;
      case 'draft':
      case 'void':
      case 'active':
      case 'proforma':
        qb.andWhere('i.status = :status', { status });
        break;
      case 'all':
        break;
      default:
        // Blesta's getList ignores a status it does not know, showing nothing.
        qb.andWhere('1 = 0');
    }
    return qb;
  }

  private status(raw: unknown): InvoiceStatus {
    const s = text(raw) ?? '';
    if (!(INVOICE_STATUSES as readonly string[]).includes(s)) throw billingInvalid('status', 'format', 'Invalid status.');
    return s as InvoiceStatus;
  }

  private async currency(companyId: number, raw: unknown): Promise<string> {
    const code = (text(raw) ?? '').toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) throw billingInvalid('currency', 'length', 'The currency code must be 3 characters in length.');
    if (!(await compiledFindOne(this.dataSource.getRepository(CurrencyEntity), { code, companyId }, { select: ['code'] }))) throw billingInvalid('currency', 'exists', 'Invalid currency.');
    return code;
  }

  /**
   * Checks every line, so one 400 names each failing field of every bad line (keyed per field as
   * Blesta's Input rules are, `lines[][field]`; the failures of all lines are collected).
   */
  private lines(raw: unknown, forEdit: boolean): LineInput[] {
    if (raw !== undefined && raw !== null && raw !== '' && typeof raw !== 'object') throw billingInvalid('lines', 'format', 'Invalid line items.');
    const checks = new BillingChecks();
    const out: LineInput[] = [];
    for (const l of records(raw)) {
      const failedBefore = checks.count;
      const id = l['id'] !== undefined && l['id'] !== '' ? Number(text(l['id']) ?? NaN) : undefined;
      if (id !== undefined && (!forEdit || !Number.isSafeInteger(id))) checks.fail('lines[][id]', 'exists', 'Invalid line item ID.');
      const description = (text(l['description']) ?? '').trim();
      // On edit, a line that names only its id is a deletion.
      if (id !== undefined && description === '') {
        if (checks.count === failedBefore) out.push({ id, serviceId: null, description: '', qty: SCALE, amount: 0n, tax: false });
        continue;
      }
      if (description === '') checks.fail('lines[][description]', 'empty', 'Please enter a line item description.');
      const qty = l['qty'] === undefined || l['qty'] === '' ? SCALE : parseScaled(l['qty']);
      if (qty === null) checks.fail('lines[][qty]', 'format', 'The quantity must be a number.');
      const amount = parseScaled(l['amount']);
      if (amount === null) checks.fail('lines[][amount]', 'format', 'The unit cost must be a number.');
      const serviceId = l['service_id'] !== undefined && l['service_id'] !== '' ? Number(text(l['service_id']) ?? NaN) : null;
      if (serviceId !== null && !Number.isSafeInteger(serviceId)) checks.fail('lines[][service_id]', 'exists', 'Invalid service ID.');
      if (checks.count === failedBefore && qty !== null && amount !== null) out.push({ id, serviceId, description, qty, amount, tax: isTrue(l['tax']) });
    }
    checks.done();
    return out;
  }

  private delivery(raw: unknown): string[] {
    const methods = raw === undefined || raw === null || raw === '' ? [] : typeof raw === 'object' ? Object.values(raw as Record<string, unknown>) : [raw];
    return methods.map((m) => {
      const method = text(m) ?? '';
      if (!(DELIVERY_METHODS as readonly string[]).includes(method)) throw billingInvalid('delivery', 'valid', 'Invalid delivery method.');
      return method;
    });
  }

  private async writeLines(tx: EntityManager, invoice: InvoiceEntity, lines: readonly LineInput[], plan: TaxPlan): Promise<void> {
    const repo = tx.getRepository(InvoiceLineEntity);
    const saved: InvoiceLineEntity[] = [];
    for (const [i, l] of lines.entries()) {
      const values = { invoiceId: invoice.id, serviceId: l.serviceId, description: l.description, qty: l.qty, amount: l.amount, tax: l.tax, lineOrder: i };
      saved.push(repo.create({ ...values, id: await compiledInsert(repo, values) }));
    }
    // Sets the invoice's totals; add writes them with its number.
    await this.retax(tx, invoice, saved, plan, true);
  }

  /**
   * Taxes every line marked `tax` with the client's rules (see TaxesService.planFor and lineTaxes),
   * rewrites the invoice's line taxes and sets subtotal = Σ qty × amount and total = subtotal +
   * exclusive taxes. Runs on add and on every edit, so the totals always match the lines.
   */
  private async retax(tx: EntityManager, invoice: InvoiceEntity, lines: readonly InvoiceLineEntity[], planned: TaxPlan, fresh = false): Promise<void> {
    const taxRepo = tx.getRepository(InvoiceLineTaxEntity);
    if (!fresh) await taxRepo.delete({ invoiceId: invoice.id });
    const plan = lines.some((l) => l.tax) ? await this.heldPlan(tx, invoice, planned) : planned;
    const rates = plan.rules.map(toTaxRate);
    const rows: InvoiceLineTaxEntity[] = [];
    const applied: Array<{ amount: bigint; type: 'exclusive' | 'inclusive' }> = [];
    const lineTotals = lines.map((l) => multiplyScaled(l.qty, l.amount));
    lines.forEach((line, i) => {
      if (!line.tax || rates.length === 0) return;
      for (const t of lineTaxes(lineTotals[i], rates, plan.cascade)) {
        rows.push(taxRepo.create({ lineId: line.id, taxId: t.taxId, invoiceId: invoice.id, cascaded: t.cascaded, taxAmount: t.amount }));
        applied.push({ amount: t.amount, type: rates.find((r) => r.id === t.taxId)?.type ?? 'exclusive' });
      }
    });
    for (const row of rows) await compiledInsert(taxRepo, { lineId: row.lineId, taxId: row.taxId, invoiceId: row.invoiceId, cascaded: row.cascaded, taxAmount: row.taxAmount });
    const totals = invoiceTotals(lineTotals, applied);
    invoice.subtotal = totals.subtotal;
    invoice.total = totals.total;
  }

  /**
   * The plan's tax rules, each held until the transaction ends (see holdRow), so a rule deleted
   * meanwhile (Taxes::delete removes a rule no invoice uses yet) either waits for this invoice and
   * is then kept as inactive, or is gone before and the client's rules are chosen again without it.
   */
  private async heldPlan(tx: EntityManager, invoice: InvoiceEntity, planned: TaxPlan): Promise<TaxPlan> {
    let plan = planned;
    for (let attempt = 1; ; attempt++) {
      const held: TaxPlan['rules'][number][] = [];
      for (const rule of plan.rules) if (await holdRow(tx, TaxEntity, { id: rule.id }, 'share')) held.push(rule);
      if (held.length === plan.rules.length) return plan;
      // Rules keep being deleted under it: tax with the ones still there.
      if (attempt === 3) return { ...plan, rules: held };
      // Chosen again as this transaction sees the rules (a deletion in the same SQLite commit included).
      plan = await this.taxes.planFor(invoice.companyId, invoice.clientId, undefined, tx);
    }
  }

  private async writeDelivery(tx: EntityManager, invoiceId: number, methods: readonly string[]): Promise<void> {
    if (methods.length === 0) return;
    const repo = tx.getRepository(InvoiceDeliveryEntity);
    for (const method of methods) await compiledInsert(repo, { invoiceId, method, dateSent: null });
  }
}

function due(invoice: InvoiceEntity): bigint {
  if (invoice.status === 'void') return 0n;
  const d = invoice.total - invoice.paid;
  return d > 0n ? d : 0n;
}

