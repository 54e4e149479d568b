import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { ClientSettingEntity, compiledFind, compiledFindOne, ContactEntity, InvoiceLineTaxEntity, TAX_TYPES, TaxEntity, type TaxType } from '@hostgate/shared/persistence';
import { holdRow } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { CompaniesService } from './companies.service';
import { text } from './contact-fields';
import { parseScaled } from './money';
import { type TaxRate } from './tax-math';

/** The rules an invoice line is taxed with, and whether level 2 cascades on level 1. */
export interface TaxPlan {
  readonly rules: readonly TaxEntity[];
  readonly cascade: boolean;
}

const isTrue = (v: string | null | undefined): boolean => ['1', 'true', 'on', 'yes'].includes((v ?? '').toLowerCase());

export const toTaxRate = (t: TaxEntity): TaxRate => ({ id: t.id, level: t.level, rate: t.amount, type: t.type });

/** Blesta's Taxes model: a company's tax rules, and which of them apply to a client. */
@Injectable()
export class TaxesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
  ) {}

  /** Taxes::add: level (1|2), name, amount (percent), type (exclusive|inclusive), country, state, status. */
  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    const checks = new BillingChecks();
    const level = Number(text(vars['level']) ?? '1');
    if (level !== 1 && level !== 2) checks.fail('level', 'format', 'The tax level must be 1 or 2.');
    const name = (text(vars['name']) ?? '').trim();
    if (name === '') checks.fail('name', 'empty', 'Please enter a name for this tax rule.');
    else if (name.length > 64) checks.fail('name', 'length', 'The name may be no longer than 64 characters.');
    const amount = parseScaled(vars['amount']);
    if (amount === null || amount < 0n) checks.fail('amount', 'format', 'The tax amount must be a number greater than or equal to 0.');
    const type = text(vars['type']) ?? 'exclusive';
    if (!(TAX_TYPES as readonly string[]).includes(type)) checks.fail('type', 'format', 'The tax type must be exclusive or inclusive.');
    const country = (text(vars['country']) ?? '').trim().toUpperCase() || null;
    if (country !== null && !/^[A-Z]{2,3}$/.test(country)) checks.fail('country', 'valid', 'Please select a valid country.');
    const state = (text(vars['state']) ?? '').trim() || null;
    const status = text(vars['status']) ?? 'active';
    if (status !== 'active' && status !== 'inactive') checks.fail('status', 'format', 'Invalid status.');
    checks.done();
    const repo = this.dataSource.getRepository(TaxEntity);
    const saved = await repo.save(repo.create({ companyId, level, name, amount: amount ?? 0n, type: type as TaxType, country, state, status: status as 'active' | 'inactive' }));
    return saved.id;
  }

  async get(companyId: number, taxId: number): Promise<TaxEntity | null> {
    if (!Number.isSafeInteger(taxId) || taxId < 1) return null;
    return compiledFindOne(this.dataSource.getRepository(TaxEntity), { id: taxId, companyId });
  }

  /** Taxes::getAll: the company's rules by level, then id. */
  async all(companyId: number): Promise<TaxEntity[]> {
    return this.dataSource.getRepository(TaxEntity).find({ where: { companyId }, order: { level: 'ASC', id: 'ASC' } });
  }

  /** Taxes::delete. Invoices keep the taxes they were issued with, so a rule in use is only deactivated. */
  async delete(companyId: number, taxId: number): Promise<void> {
    const tax = await this.get(companyId, taxId);
    if (!tax) throw billingInvalid('tax_id', 'exists', 'Invalid tax ID.');
    await this.dataSource.transaction(async (tx) => {
      // Held first: an invoice being taxed with the rule is either committed before the check (the
      // rule is then kept, inactive) or chooses its rules again without it (see InvoicesService).
      if (!(await holdRow(tx, TaxEntity, { id: tax.id }, 'update'))) throw billingInvalid('tax_id', 'exists', 'Invalid tax ID.');
      const repo = tx.getRepository(TaxEntity);
      if (await tx.getRepository(InvoiceLineTaxEntity).existsBy({ taxId: tax.id })) await repo.update({ id: tax.id }, { status: 'inactive' });
      else await repo.delete({ id: tax.id });
    });
  }

  /**
   * Taxes::getTaxRules for a client: the company's active rules that match the primary contact's
   * country and state (a rule without one matches all), the most specific one per level. None for a
   * tax-exempt client (client setting tax_exempt). `cascadeSetting` is the company's cascade_tax
   * setting when the caller has already read it (null: read, and not set). Read through `manager`:
   * inside a transaction, what that transaction sees (on SQLite it may share its commit with other
   * requests' changes, which reads outside it do not see yet).
   */
  async planFor(companyId: number, clientId: number, cascadeSetting?: string | null, manager: EntityManager = this.dataSource.manager): Promise<TaxPlan> {
    const exempt = await compiledFindOne(manager.getRepository(ClientSettingEntity), { clientId, key: 'tax_exempt' });
    if (isTrue(exempt?.value)) return { rules: [], cascade: false };
    const active = await compiledFind(manager.getRepository(TaxEntity), { companyId, status: 'active' }, { order: { level: 'ASC', id: 'ASC' } });
    if (active.length === 0) return { rules: [], cascade: false };
    const contact = await compiledFindOne(manager.getRepository(ContactEntity), { clientId, contactType: 'primary' });
    const country = contact?.country?.toUpperCase() ?? null;
    const state = contact?.state?.toLowerCase() ?? null;
    const matching = active.filter((t) => (t.country === null || t.country === country) && (t.state === null || t.state.toLowerCase() === state));
    const specificity = (t: TaxEntity): number => (t.country !== null ? 2 : 0) + (t.state !== null ? 1 : 0);
    const rules = [1, 2].flatMap((level) => {
      const best = matching.filter((t) => t.level === level).sort((a, b) => specificity(b) - specificity(a) || a.id - b.id)[0];
      return best ? [best] : [];
    });
    return { rules, cascade: isTrue(cascadeSetting === undefined ? await this.companies.setting(companyId, 'cascade_tax') : cascadeSetting) };
  }
}
