import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type FindOptionsWhere, In, Raw } from 'typeorm';
import {
  compiledFindOne,
  CurrencyEntity,
  HostingPackageEntity,
  PACKAGE_MODULES,
  PACKAGE_STATUSES,
  type PackageModule,
  PackageEntity,
  PackagePricingEntity,
  PRICING_PERIODS,
  ServiceEntity,
} from '@hostgate/shared/persistence';
import { holdRow } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { text } from './contact-fields';
import { parseScaled } from './money';
import { type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';
import { idCode, nextSequenceValue } from './sequences';

export interface PackageView {
  readonly pkg: PackageEntity;
  readonly idCode: string;
  readonly pricing: readonly PackagePricingEntity[];
}

interface PricingInput {
  readonly term: number;
  readonly period: string;
  readonly price: bigint;
  readonly setupFee: bigint;
  readonly cancelFee: bigint;
  readonly currency: string;
}

/** Packages::getList / getListCount filters: status, and name (a case-insensitive part of it). */
export interface PackageFilters {
  readonly status?: string;
  readonly name?: string;
}

const ORDER_COLUMNS: Readonly<Record<string, string>> = { id: 'id', id_code: 'idValue', name: 'name', status: 'status' };
const list = (v: unknown): Array<Record<string, unknown>> =>
  typeof v === 'object' && v !== null ? Object.values(v as Record<string, unknown>).map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {})) : [];

/** Packages and their pricing; a hosting package names the panel package its accounts get. */
@Injectable()
export class PackagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    // Every field is checked before answering, so one 400 names every failure.
    const checks = new BillingChecks();
    const name = this.name(vars);
    if (name === undefined || name === '') checks.fail('names', 'empty', 'Please enter a package name.');
    const status = checks.check(() => this.status(vars['status'] ?? 'active'), 'active');
    const { module, hostingPackage } = await checks.checkAsync(() => this.module(vars), { module: 'none' as const, hostingPackage: null });
    const pricing = await checks.checkAsync(() => this.pricing(companyId, vars['pricing']), null);
    if (pricing?.length === 0) checks.fail('pricing', 'empty', 'Please enter at least one price.');
    const qty = checks.check(() => this.qty(vars['qty']), null);
    checks.done();
    if (!pricing || name === undefined) throw new Error('package checks passed without their values');
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(PackageEntity);
      const pkg = await repo.save(
        repo.create({
          idFormat: '{num}',
          idValue: await nextSequenceValue(tx, companyId, 'package', 1, 1),
          companyId,
          name,
          description: text(vars['description']) ?? null,
          status,
          qty,
          module,
          hostingPackage,
          taxable: ['1', 'true'].includes(text(vars['taxable']) ?? ''),
        }),
      );
      const pricingRepo = tx.getRepository(PackagePricingEntity);
      await pricingRepo.save(pricing.map((p) => pricingRepo.create({ ...p, packageId: pkg.id })));
      return pkg.id;
    });
  }

  async get(companyId: number, id: number): Promise<PackageView | null> {
    const pkg = Number.isSafeInteger(id) && id > 0 ? await compiledFindOne(this.dataSource.getRepository(PackageEntity), { id, companyId }) : null;
    if (!pkg) return null;
    const [view] = await this.views([pkg]);
    return view;
  }

  async list(companyId: number, filters: PackageFilters, page: PageRequest): Promise<PackageView[]> {
    const order = resolveOrder(page.orderBy, ORDER_COLUMNS, [['id_code', 'ASC']]);
    const rows = await this.dataSource.getRepository(PackageEntity).find({
      where: this.where(companyId, filters),
      order: { ...Object.fromEntries(order), id: 'ASC' },
      skip: pageOffset(page.page),
      take: PAGE_SIZE,
    });
    return this.views(rows);
  }

  /** The same filters as list, so the count always agrees with the pages. */
  async count(companyId: number, filters: PackageFilters): Promise<number> {
    return this.dataSource.getRepository(PackageEntity).countBy(this.where(companyId, filters));
  }

  async all(callerCompanyId: number, companyId: number, status: string | undefined, orderBy: PageRequest['orderBy']): Promise<PackageView[]> {
    if (companyId !== callerCompanyId) return [];
    const order = resolveOrder(orderBy, ORDER_COLUMNS, [['name', 'ASC']]);
    return this.views(await this.dataSource.getRepository(PackageEntity).find({ where: { companyId, ...(status ? { status } : {}) }, order: { ...Object.fromEntries(order), id: 'ASC' } }));
  }

  /** The quantity in stock: empty for unlimited, otherwise a whole number from 0. */
  private qty(value: unknown): number | null {
    const raw = text(value);
    if (!raw) return null;
    if (!/^\d{1,9}$/.test(raw)) throw billingInvalid('qty', 'format', 'Quantity must be a whole number.');
    return Number(raw);
  }

  /** name, description, status, qty; pricing[] entries are added (existing prices stay, services use them). */
  async edit(companyId: number, id: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const pkg = await this.owned(companyId, id);
    // Every given field is checked before anything is written, so one 400 names every failure.
    const checks = new BillingChecks();
    const patch: Partial<PackageEntity> = {};
    const name = this.name(vars);
    if (name !== undefined) {
      if (name === '') checks.fail('names', 'empty', 'Please enter a package name.');
      patch.name = name;
    }
    if (vars['description'] !== undefined) patch.description = text(vars['description']) ?? null;
    if (vars['status'] !== undefined) patch.status = checks.check(() => this.status(vars['status']), pkg.status);
    if (vars['qty'] !== undefined) patch.qty = checks.check(() => this.qty(vars['qty']), pkg.qty);
    const pricing = vars['pricing'] !== undefined ? await checks.checkAsync(() => this.pricing(companyId, vars['pricing']), []) : [];
    checks.done();
    await this.dataSource.transaction(async (tx) => {
      // Only the given fields, to the package as it is now: a concurrent change to another field
      // stays, and a package deleted meanwhile is not inserted again.
      await holdPackageForEdit(tx, pkg.id);
      if (Object.keys(patch).length > 0) await tx.getRepository(PackageEntity).update({ id: pkg.id }, patch);
      const repo = tx.getRepository(PackagePricingEntity);
      if (pricing.length > 0) await repo.save(pricing.map((p) => repo.create({ ...p, packageId: pkg.id })));
    });
  }

  /** Refused while any service uses the package. */
  async delete(companyId: number, id: number): Promise<void> {
    const pkg = await this.owned(companyId, id);
    await this.dataSource.transaction(async (tx) => {
      // Held first: a service being added on the package is either committed before the check
      // (and keeps the package) or finds it gone.
      await holdPackage(tx, pkg.id, 'update');
      if (await tx.getRepository(ServiceEntity).existsBy({ packageId: pkg.id })) throw billingInvalid('package_id', 'in_use', 'The package is in use by one or more services and may not be deleted.');
      await tx.getRepository(PackageEntity).delete({ id: pkg.id });
    });
  }

  /** A pricing row of the caller's company with its package. */
  async pricingOf(companyId: number, pricingId: number): Promise<{ pkg: PackageEntity; pricing: PackagePricingEntity } | null> {
    const pricing = Number.isSafeInteger(pricingId) && pricingId > 0 ? await compiledFindOne(this.dataSource.getRepository(PackagePricingEntity), { id: pricingId }) : null;
    const pkg = pricing ? await compiledFindOne(this.dataSource.getRepository(PackageEntity), { id: pricing.packageId, companyId }) : null;
    return pricing && pkg ? { pkg, pricing } : null;
  }

  private where(companyId: number, f: PackageFilters): FindOptionsWhere<PackageEntity> {
    // LOWER() on both sides compares case-insensitively on PostgreSQL too, as MySQL's collation does.
    const name = f.name ? `%${f.name.toLowerCase()}%` : undefined;
    return { companyId, ...(f.status ? { status: f.status } : {}), ...(name ? { name: Raw((alias) => `LOWER(${alias}) LIKE :name`, { name }) } : {}) };
  }

  private async owned(companyId: number, id: number): Promise<PackageEntity> {
    const pkg = Number.isSafeInteger(id) && id > 0 ? await compiledFindOne(this.dataSource.getRepository(PackageEntity), { id, companyId }) : null;
    if (!pkg) throw billingInvalid('package_id', 'exists', 'Invalid package ID.');
    return pkg;
  }

  private async views(rows: readonly PackageEntity[]): Promise<PackageView[]> {
    if (rows.length === 0) return [];
    const pricing = await this.dataSource.getRepository(PackagePricingEntity).find({ where: { packageId: In(rows.map((p) => p.id)) }, order: { id: 'ASC' } });
    return rows.map((pkg) => ({ pkg, idCode: idCode(pkg.idFormat, pkg.idValue), pricing: pricing.filter((p) => p.packageId === pkg.id) }));
  }

  /** Blesta takes names[] {lang, name}; a plain name is accepted too. */
  private name(vars: Readonly<Record<string, unknown>>): string | undefined {
    const names = list(vars['names']);
    const raw = names.length > 0 ? text(names[0]['name']) : text(vars['name']);
    return raw?.trim();
  }

  private status(raw: unknown): string {
    const s = text(raw) ?? '';
    if (!(PACKAGE_STATUSES as readonly string[]).includes(s)) throw billingInvalid('status', 'format', 'Invalid status.');
    return s;
  }

  private async module(vars: Readonly<Record<string, unknown>>): Promise<{ module: PackageModule; hostingPackage: string | null }> {
    const module = text(vars['module']) ?? 'none';
    if (!(PACKAGE_MODULES as readonly string[]).includes(module)) throw billingInvalid('module', 'valid', 'Invalid module.');
    if (module === 'none') return { module: 'none', hostingPackage: null };
    const meta = typeof vars['meta'] === 'object' && vars['meta'] !== null ? (vars['meta'] as Record<string, unknown>) : {};
    const hostingPackage = text(meta['package']) ?? 'default';
    if (!(await this.dataSource.getRepository(HostingPackageEntity).existsBy({ name: hostingPackage }))) throw billingInvalid('meta[package]', 'exists', 'The hosting package does not exist.');
    return { module: 'hosting', hostingPackage };
  }

  /** Checks every pricing entry, so one 400 names each failing field (as Blesta keys them, pricing[][field]). */
  private async pricing(companyId: number, raw: unknown): Promise<PricingInput[]> {
    const checks = new BillingChecks();
    const out: PricingInput[] = [];
    for (const p of list(raw)) {
      const failedBefore = checks.count;
      const period = text(p['period']) ?? 'month';
      if (!(PRICING_PERIODS as readonly string[]).includes(period)) checks.fail('pricing[][period]', 'format', 'Invalid period.');
      const term = period === 'onetime' ? 0 : Number(text(p['term']) ?? '1');
      if (!Number.isSafeInteger(term) || term < 0 || term > 65535) checks.fail('pricing[][term]', 'valid', 'The term must be a number between 1 and 65535.');
      const price = parseScaled(p['price']);
      if (price === null || price < 0n) checks.fail('pricing[][price]', 'format', 'The price must be a number.');
      const fee = (k: string): bigint => {
        if (p[k] === undefined || p[k] === '') return 0n;
        const v = parseScaled(p[k]);
        if (v === null || v < 0n) checks.fail(`pricing[][${k}]`, 'format', 'The fee must be a number.');
        return v ?? 0n;
      };
      const setupFee = fee('setup_fee');
      const cancelFee = fee('cancel_fee');
      const currency = (text(p['currency']) ?? '').toUpperCase();
      if (!(await this.dataSource.getRepository(CurrencyEntity).existsBy({ code: currency, companyId }))) checks.fail('pricing[][currency]', 'format', 'Invalid currency.');
      if (checks.count === failedBefore && price !== null) out.push({ term, period, price, setupFee, cancelFee, currency });
    }
    checks.done();
    return out;
  }
}

/** The package row, held until the transaction ends (see holdRow); Blesta's "Invalid package pricing ID." once it is gone. */
export async function holdPackage(tx: EntityManager, packageId: number, mode: 'share' | 'update'): Promise<void> {
  if (!(await holdRow(tx, PackageEntity, { id: packageId }, mode))) throw billingInvalid('pricing_id', 'exists', 'Invalid package pricing ID.');
}

async function holdPackageForEdit(tx: EntityManager, packageId: number): Promise<void> {
  if (!(await holdRow(tx, PackageEntity, { id: packageId }, 'update'))) throw billingInvalid('package_id', 'exists', 'Invalid package ID.');
}
