import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { DomainErrorCode, isDomainError } from '@hostgate/shared/errors';
import { compiledFindOne, ContactEntity, PackageEntity, PackagePricingEntity, SERVICE_STATUSES, ServiceEntity, type ServiceStatus } from '@hostgate/shared/persistence';
import { AccountsService, type RemovedAccount } from '../accounts/accounts.service';
import { holdRow } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { requireTimestamp } from './billing-time';
import { ClientsService, holdClient } from './clients.service';
import { CompaniesService } from './companies.service';
import { text } from './contact-fields';
import { parseScaled } from './money';
import { holdPackage, PackagesService } from './packages.service';
import { applyOrder, type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';
import { idCode, nextSequenceValue } from './sequences';

export interface ServiceView {
  readonly service: ServiceEntity;
  readonly idCode: string;
  readonly pkg: PackageEntity | null;
  readonly pricing: PackagePricingEntity | null;
}

const ORDER_COLUMNS: Readonly<Record<string, string>> = { id: 's.id', id_code: 's.id_value', date_added: 's.date_added', date_renews: 's.date_renews', status: 's.status', client_id: 's.client_id' };
const LIST_STATUSES = [...SERVICE_STATUSES, 'all', 'scheduled_cancellation'] as const;
const isTrue = (v: unknown): boolean => v === true || ['1', 'true', 'on', 'yes'].includes((text(v) ?? '').toLowerCase());

/**
 * Services. A service of a hosting package names a hosting account; with use_module the account is
 * created, suspended, unsuspended or deleted through the shared AccountsService, so the panel sees
 * the change at once. The account's rows change in the service's own transaction: if either side
 * is refused, neither is written (an account's files go only after a deletion has committed).
 */
@Injectable()
export class ServicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    private readonly companies: CompaniesService,
    private readonly packages: PackagesService,
    private readonly accounts: AccountsService,
  ) {}

  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    // Every field is checked before anything happens, so one 400 names every failure.
    const checks = new BillingChecks();
    const found = await this.packages.pricingOf(companyId, Number(text(vars['pricing_id']) ?? NaN));
    if (!found) checks.fail('pricing_id', 'exists', 'Invalid package pricing ID.');
    const client = await checks.checkAsync(() => this.clients.owned(companyId, Number(text(vars['client_id']) ?? NaN)), null);
    const status = checks.check(() => this.status(vars['status'] ?? 'pending'), 'pending');
    const qty = text(vars['qty']) ? Number(text(vars['qty'])) : 1;
    if (!Number.isSafeInteger(qty) || qty < 1) checks.fail('qty', 'valid', 'Quantity must be at least 1.');
    const overridePrice = text(vars['override_price']) ? parseScaled(vars['override_price']) : null;
    if (text(vars['override_price']) && overridePrice === null) checks.fail('override_price', 'format', 'The override price must be a number.');
    const hosting = found?.pkg.module === 'hosting';
    const username = hosting ? (text(vars['username']) ?? '').trim() : '';
    const domain = hosting ? (text(vars['domain']) ?? '').trim().toLowerCase() : '';
    if (hosting && username === '') checks.fail('username', 'empty', 'Please enter a username.');
    if (hosting && domain !== '' && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) checks.fail('domain', 'format', 'Please enter a valid domain name.');
    checks.done();
    if (!found || !client) throw new Error('service checks passed without their values');
    const provision = hosting && isTrue(vars['use_module']) && status === 'active';
    let passwordHash = '';
    if (provision) {
      const password = text(vars['password']) ?? '';
      if (password.length < 6) throw billingInvalid('password', 'format', 'Please enter a password at least 6 characters in length.');
      // Slow (scrypt): before the transaction.
      passwordHash = await this.accounts.hashPassword(password);
    }
    return this.dataSource.transaction(async (tx) => {
      await holdClient(tx, client.id, 'share');
      await holdPackage(tx, found.pkg.id, 'share');
      if (provision) {
        // The hosting account is created in the service's transaction: a failure leaves neither.
        const contact = await tx.getRepository(ContactEntity).findOneBy({ clientId: client.id, contactType: 'primary' });
        const account = { username, email: contact?.email ?? `${username}@localhost`, packageName: found.pkg.hostingPackage ?? 'default' };
        await this.module(() => this.accounts.createIn(tx, account, passwordHash));
      }
      const repo = tx.getRepository(ServiceEntity);
      const period = found.pricing.period;
      const now = new Date();
      const saved = await repo.save(
        repo.create({
          idFormat: '{num}',
          idValue: await nextSequenceValue(tx, companyId, 'service', 1, 1),
          clientId: client.id,
          companyId,
          pricingId: found.pricing.id,
          packageId: found.pkg.id,
          qty,
          status,
          overridePrice,
          overrideCurrency: overridePrice !== null ? (text(vars['override_currency']) ?? found.pricing.currency).toUpperCase() : null,
          suspensionReason: null,
          moduleUsername: hosting ? username : null,
          moduleDomain: hosting && domain ? domain : null,
          dateAdded: now,
          dateRenews: period === 'onetime' ? null : renewal(now, found.pricing.term, period),
          dateSuspended: null,
          dateCanceled: null,
        }),
      );
      return saved.id;
    });
  }

  async get(companyId: number, id: number): Promise<ServiceView | null> {
    const s = Number.isSafeInteger(id) && id > 0 ? await compiledFindOne(this.dataSource.getRepository(ServiceEntity), { id, companyId }) : null;
    return s ? ((await this.views([s]))[0] ?? null) : null;
  }

  async list(companyId: number, clientId: number | null, status: string, page: PageRequest): Promise<ServiceView[]> {
    const qb = this.filtered(companyId, clientId, status).offset(pageOffset(page.page)).limit(PAGE_SIZE);
    applyOrder(qb, resolveOrder(page.orderBy, ORDER_COLUMNS, [['date_added', 'DESC']]), ['s.id', 'DESC']);
    return this.views(await qb.getMany());
  }

  async count(companyId: number, clientId: number | null, status: string): Promise<number> {
    return this.filtered(companyId, clientId, status).getCount();
  }

  /** qty, override_price, date_renews and status (no module action: use suspend/unsuspend/cancel). */
  async edit(companyId: number, id: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const s = await this.owned(companyId, id);
    // Every given field is checked before anything is written, so one 400 names every failure.
    const checks = new BillingChecks();
    const patch: Partial<ServiceEntity> = {};
    if (vars['qty'] !== undefined) {
      const qty = Number(text(vars['qty']) ?? NaN);
      if (!Number.isSafeInteger(qty) || qty < 1) checks.fail('qty', 'valid', 'Quantity must be at least 1.');
      else patch.qty = qty;
    }
    if (vars['override_price'] !== undefined) {
      const price = text(vars['override_price']) ? parseScaled(vars['override_price']) : null;
      if (text(vars['override_price']) && price === null) checks.fail('override_price', 'format', 'The override price must be a number.');
      else patch.overridePrice = price;
    }
    if (vars['date_renews'] !== undefined) {
      const zone = await this.companies.timeZone(companyId);
      patch.dateRenews = checks.check(() => requireTimestamp(vars['date_renews'], zone, 'date_renews', 'Invalid renew date.'), s.dateRenews);
    }
    if (vars['status'] !== undefined) patch.status = checks.check(() => this.status(vars['status']), s.status);
    checks.done();
    if (Object.keys(patch).length > 0) await this.commit(s.id, () => patch);
  }

  async suspend(companyId: number, id: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const s = await this.owned(companyId, id);
    const suspendable = (c: ServiceEntity): void => {
      if (c.status === 'suspended') throw billingInvalid('service_id', 'suspended', 'The service is already suspended.');
      if (c.status !== 'active') throw billingInvalid('service_id', 'valid', 'Only active services may be suspended.');
    };
    suspendable(s);
    const username = isTrue(vars['use_module']) ? s.moduleUsername : null;
    const changes = { status: 'suspended', dateSuspended: new Date(), suspensionReason: text(vars['suspension_reason']) ?? null } as const;
    await this.commit(
      s.id,
      (c) => {
        suspendable(c);
        return changes;
      },
      username ? (tx) => this.accounts.suspendIn(tx, username) : undefined,
    );
  }

  async unsuspend(companyId: number, id: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const s = await this.owned(companyId, id);
    const suspended = (c: ServiceEntity): void => {
      if (c.status !== 'suspended') throw billingInvalid('service_id', 'unsuspended', 'The service is not suspended.');
    };
    suspended(s);
    const username = isTrue(vars['use_module']) ? s.moduleUsername : null;
    await this.commit(
      s.id,
      (c) => {
        suspended(c);
        return { status: 'active', dateSuspended: null, suspensionReason: null };
      },
      username ? (tx) => this.accounts.unsuspendIn(tx, username) : undefined,
    );
  }

  /**
   * Services::cancel: date_canceled "end_of_term" schedules it for the renew date (nothing happens
   * to the account yet); otherwise it is canceled now and, with use_module, the account removed.
   */
  async cancel(companyId: number, id: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const s = await this.owned(companyId, id);
    const cancelable = (c: ServiceEntity): void => {
      if (c.status === 'canceled') throw billingInvalid('service_id', 'valid', 'The service is already canceled.');
    };
    cancelable(s);
    const when = text(vars['date_canceled']);
    if (when === 'end_of_term') {
      const atRenewal = (c: ServiceEntity): Partial<ServiceEntity> => {
        cancelable(c);
        if (!c.dateRenews) throw billingInvalid('date_canceled', 'valid', 'The service does not renew, so it cannot be canceled at the end of its term.');
        return { dateCanceled: c.dateRenews };
      };
      atRenewal(s);
      await this.commit(s.id, atRenewal);
      return;
    }
    const date = when ? requireTimestamp(when, await this.companies.timeZone(companyId), 'date_canceled', 'Invalid cancel date.') : new Date();
    if (date.getTime() > Date.now()) {
      await this.commit(s.id, (c) => {
        cancelable(c);
        return { dateCanceled: date };
      });
      return;
    }
    const username = isTrue(vars['use_module']) ? s.moduleUsername : null;
    // The account's rows go in the service's transaction (a failure leaves both); its files after.
    let removed: RemovedAccount | undefined;
    await this.commit(
      s.id,
      (c) => {
        cancelable(c);
        return { status: 'canceled', dateCanceled: date };
      },
      username
        ? async (tx) => {
            removed = await this.accounts.deleteIn(tx, username);
          }
        : undefined,
    );
    await this.accounts.removeFiles(removed);
  }

  /**
   * Writes to the service as it is now, held (see holdRow): `changes` sees the current row and may
   * refuse as Blesta would (suspended or canceled meanwhile); only the changed columns are written,
   * so a concurrent change to another one stays, and a service gone meanwhile (with its client) is
   * not inserted again. `module` (suspending or unsuspending the hosting account) runs in the same
   * transaction, after the service is held and found in the state it needs: two requests for one
   * service take turns, and the account changes only with the service (a compensating change made
   * afterwards, as before, could undo what the request ahead had done).
   */
  private async commit(id: number, changes: (current: ServiceEntity) => Partial<ServiceEntity>, module?: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const current = await holdRow(tx, ServiceEntity, { id }, 'update');
      if (!current) throw billingInvalid('service_id', 'exists', 'Invalid service ID.');
      const set = changes(current);
      if (module) await this.module(() => module(tx));
      await tx.getRepository(ServiceEntity).update({ id }, set);
    });
  }

  /** A hosting-side refusal becomes Blesta's module error shape on the field clients know. */
  private async module(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.code === DomainErrorCode.AlreadyExists) throw billingInvalid('username', 'unique', 'The username is already in use by another hosting account.');
      if (e.code === DomainErrorCode.NotFound) throw billingInvalid('username', 'exists', 'The hosting account does not exist.');
      throw billingInvalid('module', 'module', e.message);
    }
  }

  private async owned(companyId: number, id: number): Promise<ServiceEntity> {
    const s = Number.isSafeInteger(id) && id > 0 ? await compiledFindOne(this.dataSource.getRepository(ServiceEntity), { id, companyId }) : null;
    if (!s) throw billingInvalid('service_id', 'exists', 'Invalid service ID.');
    return s;
  }

  private filtered(companyId: number, clientId: number | null, status: string) {
    const qb = this.dataSource.getRepository(ServiceEntity).createQueryBuilder('s').where('s.company_id = :companyId', { companyId });
    if (clientId !== null) qb.andWhere('s.client_id = :clientId', { clientId });
    if (status === 'scheduled_cancellation') qb.andWhere("s.date_canceled IS NOT NULL AND s.status <> 'canceled'");
    else if (status !== 'all') qb.andWhere('s.status = :status', { status: (LIST_STATUSES as readonly string[]).includes(status) ? status : '' });
    return qb;
  }

  private async views(rows: readonly ServiceEntity[]): Promise<ServiceView[]> {
    if (rows.length === 0) return [];
    const [pkgs, pricing] = await Promise.all([
      this.dataSource.getRepository(PackageEntity).findBy({ id: In([...new Set(rows.map((s) => s.packageId))]) }),
      this.dataSource.getRepository(PackagePricingEntity).findBy({ id: In([...new Set(rows.map((s) => s.pricingId))]) }),
    ]);
    return rows.map((service) => ({
      service,
      idCode: idCode(service.idFormat, service.idValue),
      pkg: pkgs.find((p) => p.id === service.packageId) ?? null,
      pricing: pricing.find((p) => p.id === service.pricingId) ?? null,
    }));
  }

  private status(raw: unknown): ServiceStatus {
    const s = text(raw) ?? '';
    if (!(SERVICE_STATUSES as readonly string[]).includes(s)) throw billingInvalid('status', 'format', 'Invalid status.');
    return s as ServiceStatus;
  }
}

function renewal(from: Date, term: number, period: string): Date {
  const d = new Date(from.getTime());
  switch (period) {
    case 'day':
      d.setUTCDate(d.getUTCDate() + term);
      break;
    case 'week':
      d.setUTCDate(d.getUTCDate() + 7 * term);
      break;
    case 'month':
      d.setUTCMonth(d.getUTCMonth() + term);
      break;
    default:
      d.setUTCFullYear(d.getUTCFullYear() + term);
  }
  return d;
}
