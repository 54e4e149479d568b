import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type AccountEntity, compiledFind, compiledFindOne, compiledFindOneOrFail, DnsDomainEntity, DnsRecordEntity, HostingPackageEntity } from '@hostgate/shared/persistence';
import { insertUnique } from '../references';
import { assertRoom, lockAccount, lockActiveAccount, normaliseDomain } from './hosting-rules';

export interface NewDnsDomain {
  readonly domain: string;
  readonly ip: string;
  /** Name servers; the package's NS list when none are given. */
  readonly ns?: readonly string[];
  readonly dnssec?: boolean;
}

export interface NewDnsRecord {
  readonly record: string;
  readonly type: string;
  readonly value: string;
  readonly priority?: string;
  /** Hestia lets the caller choose the record id; the next free one otherwise. */
  readonly id?: number;
  readonly ttl?: number;
}

export interface DnsDomainWithRecords {
  readonly zone: DnsDomainEntity;
  readonly records: number;
}

/** The records Hestia's default DNS template gives a new zone. */
function templateRecords(domain: string, ip: string, ns: readonly string[]): Array<Omit<NewDnsRecord, 'id'>> {
  return [
    ...ns.slice(0, 2).map((n) => ({ record: '@', type: 'NS', value: `${n}.` })),
    ...['@', 'www', 'ftp', 'mail', 'smtp', 'pop', 'imap'].map((record) => ({ record, type: 'A', value: ip })),
    { record: '@', type: 'MX', value: `mail.${domain}.`, priority: '10' },
    { record: '@', type: 'TXT', value: `"v=spf1 a mx ip4:${ip} -all"` },
    { record: '_dmarc', type: 'TXT', value: '"v=DMARC1; p=quarantine; pct=100"' },
  ];
}

/** DNS zones and their records; zones are unique across all accounts. */
@Injectable()
export class DnsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async addDomain(username: string, input: NewDnsDomain): Promise<DnsDomainEntity> {
    return this.dataSource.transaction(async (tx) => this.addDomainIn(tx, await lockActiveAccount(tx, username), input));
  }

  /** The add itself, inside a caller's transaction (v-add-domain). The zone and its template records land together or not at all. */
  async addDomainIn(tx: EntityManager, account: AccountEntity, input: NewDnsDomain): Promise<DnsDomainEntity> {
    const domain = normaliseDomain(input.domain);
    if (await tx.getRepository(DnsDomainEntity).existsBy({ domain })) {
      throw new DomainError(DomainErrorCode.AlreadyExists, `DNS domain ${domain} exists`, { entity: 'dns domain', value: domain });
    }
    await assertRoom(tx, account, 'DNS_DOMAINS');
    const pkg = await compiledFindOneOrFail(tx.getRepository(HostingPackageEntity), { id: account.packageId });
    const ns = input.ns && input.ns.length > 0 ? input.ns : pkg.ns.split(',').filter(Boolean);
    const repo = tx.getRepository(DnsDomainEntity);
    const zone = await insertUnique(
      () => repo.save(repo.create({ accountId: account.id, domain, ip: input.ip, template: pkg.dnsTemplate, ns: ns.join(','), dnssec: input.dnssec ?? false })),
      () => new DomainError(DomainErrorCode.AlreadyExists, `DNS domain ${domain} exists`, { entity: 'dns domain', value: domain }),
    );
    const records = tx.getRepository(DnsRecordEntity);
    await records.save(templateRecords(domain, input.ip, ns).map((r, i) => records.create({ dnsDomainId: zone.id, recordId: i + 1, record: r.record, type: r.type, value: r.value, priority: r.priority ?? '' })));
    return zone;
  }

  async listDomains(username: string): Promise<DnsDomainWithRecords[]> {
    const account = await lockAccount(this.dataSource.manager, username);
    const zones = await compiledFind(this.dataSource.getRepository(DnsDomainEntity), { accountId: account.id }, { order: { id: 'ASC' } });
    return Promise.all(zones.map(async (zone) => ({ zone, records: await this.dataSource.getRepository(DnsRecordEntity).countBy({ dnsDomainId: zone.id }) })));
  }

  async deleteDomain(username: string, domain: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const zone = await this.owned(tx, await lockAccount(tx, username), domain);
      await tx.getRepository(DnsRecordEntity).delete({ dnsDomainId: zone.id });
      await tx.getRepository(DnsDomainEntity).delete({ id: zone.id });
    });
  }

  async addRecord(username: string, domain: string, input: NewDnsRecord): Promise<DnsRecordEntity> {
    return this.dataSource.transaction(async (tx) => {
      const account = await lockActiveAccount(tx, username);
      const zone = await this.owned(tx, account, domain);
      const repo = tx.getRepository(DnsRecordEntity);
      if (input.id !== undefined && (await repo.existsBy({ dnsDomainId: zone.id, recordId: input.id }))) {
        throw new DomainError(DomainErrorCode.AlreadyExists, `ID=${input.id} already exists`, { entity: 'dns record', value: String(input.id) });
      }
      await assertRoom(tx, account, 'DNS_RECORDS');
      const recordId = input.id ?? (await this.nextRecordId(tx, zone.id));
      return repo.save(repo.create({ dnsDomainId: zone.id, recordId, record: input.record, type: input.type, value: input.value, priority: input.priority ?? '', ttl: input.ttl ?? zone.ttl }));
    });
  }

  async deleteRecord(username: string, domain: string, recordId: number): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const zone = await this.owned(tx, await lockAccount(tx, username), domain);
      const result = await tx.getRepository(DnsRecordEntity).delete({ dnsDomainId: zone.id, recordId });
      if (!result.affected) throw new DomainError(DomainErrorCode.NotFound, `dns/${zone.domain} id ${recordId} doesn't exist`, { entity: 'dns record', value: String(recordId) });
    });
  }

  async listRecords(username: string, domain: string): Promise<DnsRecordEntity[]> {
    const zone = await this.owned(this.dataSource.manager, await lockAccount(this.dataSource.manager, username), domain);
    return compiledFind(this.dataSource.getRepository(DnsRecordEntity), { dnsDomainId: zone.id }, { order: { recordId: 'ASC' } });
  }

  private async nextRecordId(tx: EntityManager, zoneId: number): Promise<number> {
    const row = await tx.getRepository(DnsRecordEntity).createQueryBuilder('r').select('MAX(r.record_id)', 'max').where('r.dns_domain_id = :zoneId', { zoneId }).getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }

  private async owned(tx: EntityManager, account: AccountEntity, domain: string): Promise<DnsDomainEntity> {
    const zone = await compiledFindOne(tx.getRepository(DnsDomainEntity), { accountId: account.id, domain: normaliseDomain(domain) });
    if (!zone) throw DomainError.notFound('dns domain', domain, 'domain');
    return zone;
  }
}
