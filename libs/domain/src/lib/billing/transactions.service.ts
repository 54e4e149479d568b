import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { compiledFindOne, CurrencyEntity, InvoiceEntity, TRANSACTION_STATUSES, TRANSACTION_TYPES, TransactionAppliedEntity, TransactionEntity, type TransactionStatus } from '@hostgate/shared/persistence';
import { writeReferencing } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { requireTimestamp } from './billing-time';
import { ClientsService } from './clients.service';
import { CompaniesService } from './companies.service';
import { text } from './contact-fields';
import { parseScaled } from './money';
import { applyOrder, type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';
import { idCode } from './sequences';

export interface TransactionView {
  readonly transaction: TransactionEntity;
  /** How much of it is applied to invoices; the rest is credit. */
  readonly applied: bigint;
}

export interface AppliedView {
  readonly applied: TransactionAppliedEntity;
  readonly invoiceIdCode: string;
  readonly currency: string;
}

const ORDER_COLUMNS: Readonly<Record<string, string>> = { id: 't.id', date_added: 't.date_added', amount: 't.amount', status: 't.status', client_id: 't.client_id', currency: 't.currency' };

/** Payments: add records one, apply spreads it over the client's invoices and closes those paid in full. */
@Injectable()
export class TransactionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    private readonly companies: CompaniesService,
  ) {}

  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    // Every field is checked before answering, so one 400 names every failure.
    const checks = new BillingChecks();
    const client = await checks.checkAsync(() => this.clients.owned(companyId, Number(text(vars['client_id']) ?? NaN)), null);
    const amount = parseScaled(vars['amount']);
    if (amount === null) checks.fail('amount', 'format', 'Amount must be a number.');
    const currency = (text(vars['currency']) ?? '').toUpperCase();
    if (!(await this.dataSource.getRepository(CurrencyEntity).existsBy({ code: currency, companyId }))) checks.fail('currency', 'length', 'Currency must be 3 characters in length.');
    const type = text(vars['type']) ?? 'other';
    if (!(TRANSACTION_TYPES as readonly string[]).includes(type)) checks.fail('type', 'format', 'Invalid type.');
    const status = checks.check(() => this.status(vars['status'] ?? 'approved'), 'approved');
    const zone = await this.companies.timeZone(companyId);
    const dateAdded = checks.check(() => (vars['date_added'] !== undefined && vars['date_added'] !== '' ? requireTimestamp(vars['date_added'], zone, 'date_added', 'Invalid date.') : new Date()), new Date());
    checks.done();
    if (!client || amount === null) throw new Error('transaction checks passed without their values');
    const optionalInt = (k: string): number | null => (text(vars[k]) ? Number(text(vars[k])) || null : null);
    const repo = this.dataSource.getRepository(TransactionEntity);
    const row = repo.create({
      clientId: client.id,
      companyId,
      amount,
      currency,
      type,
      transactionTypeId: optionalInt('transaction_type_id'),
      accountId: optionalInt('account_id'),
      gatewayId: optionalInt('gateway_id'),
      transactionId: text(vars['transaction_id']) || null,
      referenceId: text(vars['reference_id']) || null,
      message: text(vars['message']) || null,
      status,
      dateAdded,
    });
    // A client deleted since the check above: its foreign key refuses the row.
    const saved = await writeReferencing(() => repo.save(row), () => billingInvalid('client_id', 'exists', 'Invalid client ID.'));
    return saved.id;
  }

  async get(companyId: number, id: number): Promise<TransactionView | null> {
    const t = Number.isSafeInteger(id) && id > 0 ? await compiledFindOne(this.dataSource.getRepository(TransactionEntity), { id, companyId }) : null;
    if (!t) return null;
    return { transaction: t, applied: (await this.appliedTotals(this.dataSource.manager, [t.id])).get(t.id) ?? 0n };
  }

  async list(companyId: number, clientId: number | null, status: string, page: PageRequest): Promise<TransactionView[]> {
    const order = resolveOrder(page.orderBy, ORDER_COLUMNS, [['date_added', 'DESC']]);
    const qb = this.filtered(companyId, clientId, status).offset(pageOffset(page.page)).limit(PAGE_SIZE);
    applyOrder(qb, order, ['t.id', 'DESC']);
    const rows = await qb.getMany();
    const totals = await this.appliedTotals(this.dataSource.manager, rows.map((t) => t.id));
    return rows.map((t) => ({ transaction: t, applied: totals.get(t.id) ?? 0n }));
  }

  async count(companyId: number, clientId: number | null, status: string): Promise<number> {
    return this.filtered(companyId, clientId, status).getCount();
  }

  /**
   * Transactions::apply: vars[amounts][] = {invoice_id, amount}. Each amount must fit what the
   * invoice still owes and all of them what the transaction has left; invoices of the same client
   * and currency only. An invoice paid in full is closed. All of it in one database transaction,
   * with the invoice rows locked on PostgreSQL so two payments cannot both take the last cent.
   */
  async apply(companyId: number, transactionId: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const zone = await this.companies.timeZone(companyId);
    const date = vars['date'] !== undefined && vars['date'] !== '' ? requireTimestamp(vars['date'], zone, 'date', 'Invalid date.') : new Date();
    const raw = vars['amounts'];
    const amounts = (typeof raw === 'object' && raw !== null ? Object.values(raw as Record<string, unknown>) : []).map((a) => {
      const r = typeof a === 'object' && a !== null ? (a as Record<string, unknown>) : {};
      const invoiceId = Number(text(r['invoice_id']) ?? NaN);
      const amount = parseScaled(r['amount']);
      if (amount === null || amount <= 0n) throw billingInvalid('amounts[][amount]', 'format', 'Each amount must be a positive number.');
      return { invoiceId, amount };
    });
    if (amounts.length === 0) throw billingInvalid('amounts', 'empty', 'Please specify at least one invoice and amount to apply.');
    await this.dataSource.transaction(async (tx) => {
      const pg = tx.connection.options.type === 'postgres';
      const t = await tx.getRepository(TransactionEntity).findOne({ where: { id: transactionId, companyId }, ...(pg ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
      if (!t) throw billingInvalid('transaction_id', 'exists', 'Invalid transaction ID.');
      if (t.status !== 'approved') throw billingInvalid('transaction_id', 'valid', 'Only approved transactions may be applied.');
      // Every invoice named is read and locked at once, in id order: payments applied to the same
      // invoices in different orders would otherwise each hold one that another waits for (a deadlock).
      const named = [...new Set(amounts.map((a) => a.invoiceId).filter((id) => Number.isSafeInteger(id)))];
      const held = named.length === 0 ? [] : await tx.getRepository(InvoiceEntity).find({ where: { id: In(named), companyId, clientId: t.clientId }, order: { id: 'ASC' }, ...(pg ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
      const invoices = new Map(held.map((i) => [i.id, i]));
      let available = t.amount - ((await this.appliedTotals(tx, [t.id])).get(t.id) ?? 0n);
      for (const { invoiceId, amount } of amounts) {
        // An invoice named twice is the same object: the second amount sees what the first paid.
        const invoice = invoices.get(invoiceId);
        if (!invoice || invoice.status === 'void' || invoice.status === 'draft') throw billingInvalid('amounts[][invoice_id]', 'exists', 'Invalid invoice ID.');
        if (invoice.currency !== t.currency) throw billingInvalid('amounts[][invoice_id]', 'valid', 'The invoice currency does not match the transaction currency.');
        if (amount > invoice.total - invoice.paid) throw billingInvalid('amounts[][amount]', 'valid', 'The amount exceeds the amount due on the invoice.');
        if (amount > available) throw billingInvalid('amounts[][amount]', 'valid', 'The amounts exceed the amount of the transaction available.');
        available -= amount;
        const appliedRepo = tx.getRepository(TransactionAppliedEntity);
        const existing = await appliedRepo.findOneBy({ transactionId: t.id, invoiceId: invoice.id });
        await appliedRepo.save({ transactionId: t.id, invoiceId: invoice.id, amount: (existing?.amount ?? 0n) + amount, date });
        invoice.paid += amount;
        if (invoice.paid >= invoice.total) invoice.dateClosed = date;
        await tx.getRepository(InvoiceEntity).save(invoice);
      }
    });
  }

  /** Transactions::getApplied($transaction_id = null, $invoice_id = null). */
  async getApplied(companyId: number, transactionId: number | null, invoiceId: number | null): Promise<AppliedView[]> {
    const qb = this.dataSource
      .getRepository(TransactionAppliedEntity)
      .createQueryBuilder('a')
      .innerJoin(TransactionEntity, 't', 't.id = a.transaction_id')
      .where('t.company_id = :companyId', { companyId });
    if (transactionId !== null) qb.andWhere('a.transaction_id = :transactionId', { transactionId });
    if (invoiceId !== null) qb.andWhere('a.invoice_id = :invoiceId', { invoiceId });
    const rows = await qb.orderBy('a.date', 'ASC').addOrderBy('a.invoice_id', 'ASC').getMany();
    if (rows.length === 0) return [];
    const invoices = await this.dataSource.getRepository(InvoiceEntity).findBy({ id: In([...new Set(rows.map((r) => r.invoiceId))]) });
    return rows.map((applied) => {
      const inv = invoices.find((i) => i.id === applied.invoiceId);
      return { applied, invoiceIdCode: inv ? idCode(inv.idFormat, inv.idValue) : '', currency: inv?.currency ?? '' };
    });
  }

  private filtered(companyId: number, clientId: number | null, status: string) {
    const qb = this.dataSource.getRepository(TransactionEntity).createQueryBuilder('t').where('t.company_id = :companyId', { companyId });
    if (clientId !== null) qb.andWhere('t.client_id = :clientId', { clientId });
    if (status !== 'all') qb.andWhere('t.status = :status', { status });
    return qb;
  }

  private async appliedTotals(m: EntityManager, ids: readonly number[]): Promise<Map<number, bigint>> {
    const out = new Map<number, bigint>();
    if (ids.length === 0) return out;
    for (const a of await m.getRepository(TransactionAppliedEntity).findBy({ transactionId: In([...ids]) })) out.set(a.transactionId, (out.get(a.transactionId) ?? 0n) + a.amount);
    return out;
  }

  private status(raw: unknown): TransactionStatus {
    const s = text(raw) ?? '';
    if (!(TRANSACTION_STATUSES as readonly string[]).includes(s)) throw billingInvalid('status', 'format', 'Invalid status.');
    return s as TransactionStatus;
  }
}
