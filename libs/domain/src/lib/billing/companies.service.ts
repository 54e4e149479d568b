import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { CompanyEntity, CompanySettingEntity, compiledFind, compiledFindOne, CurrencyEntity } from '@hostgate/shared/persistence';
import { SettingsService } from '../settings/settings.service';
import { pageOffset, PAGE_SIZE } from './paging';
import { zoneFormatter } from './billing-time';

/** The operator setting that puts the billing API into maintenance (503 for every call). */
export const BILLING_MAINTENANCE_SETTING = 'billing.maintenance';

/**
 * Companies, their settings and currencies. An API key belongs to one company and sees only it, so
 * every read takes the caller's company and answers as if other companies did not exist.
 */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(CompanyEntity) private readonly companies: Repository<CompanyEntity>,
    @InjectRepository(CompanySettingEntity) private readonly settings: Repository<CompanySettingEntity>,
    @InjectRepository(CurrencyEntity) private readonly currencies: Repository<CurrencyEntity>,
    private readonly operatorSettings: SettingsService,
  ) {}

  /**
   * The operator setting, read on every call (SettingsService does not cache), so switching it on
   * takes effect at once in every replica and dialect process that shares the database.
   */
  async inMaintenance(): Promise<boolean> {
    const value = await this.operatorSettings.get(BILLING_MAINTENANCE_SETTING);
    return ['1', 'true', 'on', 'yes'].includes(value.trim().toLowerCase());
  }

  async get(callerCompanyId: number, companyId: number): Promise<CompanyEntity | null> {
    if (companyId !== callerCompanyId) return null;
    return compiledFindOne(this.companies, { id: companyId });
  }

  async list(callerCompanyId: number, page: number): Promise<CompanyEntity[]> {
    return this.companies.find({ where: { id: callerCompanyId }, order: { id: 'ASC' }, skip: pageOffset(page), take: PAGE_SIZE });
  }

  async count(callerCompanyId: number): Promise<number> {
    return this.companies.countBy({ id: callerCompanyId });
  }

  async all(callerCompanyId: number): Promise<CompanyEntity[]> {
    return this.companies.find({ where: { id: callerCompanyId }, order: { id: 'ASC' } });
  }

  async settingsOf(callerCompanyId: number, companyId: number): Promise<CompanySettingEntity[]> {
    if (companyId !== callerCompanyId) return [];
    return this.settings.find({ where: { companyId }, order: { key: 'ASC' } });
  }

  /** A company setting; inside a transaction, read through its manager (`tx`). */
  async setting(companyId: number, key: string, tx?: EntityManager): Promise<string | undefined> {
    return (await compiledFindOne(this.settingsIn(tx), { companyId, key }, { select: ['key', 'value'] }))?.value;
  }

  /** Several settings in one query (a busy call such as invoices/add reads five). */
  async settingValues<K extends string>(companyId: number, keys: readonly K[], tx?: EntityManager): Promise<Partial<Record<K, string>>> {
    const rows = await compiledFind(this.settingsIn(tx), { companyId, key: keys }, { select: ['key', 'value'] });
    return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Record<K, string>>;
  }

  private settingsIn(tx: EntityManager | undefined): Repository<CompanySettingEntity> {
    return tx ? tx.getRepository(CompanySettingEntity) : this.settings;
  }

  /**
   * Timestamps given without a zone are read in this zone. `setting` is the company's timezone
   * setting when the caller already read it (null: read, and not set), so it is not read again.
   */
  async timeZone(companyId: number, setting?: string | null): Promise<string> {
    const own = setting === undefined ? await this.setting(companyId, 'timezone') : setting;
    const zone = own ?? (await compiledFindOne(this.companies, { id: companyId }, { select: ['id', 'timezone'] }))?.timezone ?? 'UTC';
    return isTimeZone(zone) ? zone : 'UTC';
  }

  async currency(callerCompanyId: number, code: string, companyId: number): Promise<CurrencyEntity | null> {
    if (companyId !== callerCompanyId) return null;
    return compiledFindOne(this.currencies, { code, companyId });
  }

  async allCurrencies(callerCompanyId: number, companyId: number): Promise<CurrencyEntity[]> {
    if (companyId !== callerCompanyId) return [];
    return this.currencies.find({ where: { companyId }, order: { code: 'ASC' } });
  }
}

function isTimeZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}
