import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, compiledFind, compiledFindOne, HostingPackageEntity } from '@hostgate/shared/persistence';
import { holdRow, insertUnique } from '../references';

/** The settable fields of a package; limits are decimal counts or "unlimited". */
export type PackageSettings = Partial<
  Pick<
    HostingPackageEntity,
    | 'webTemplate'
    | 'backendTemplate'
    | 'proxyTemplate'
    | 'dnsTemplate'
    | 'webDomains'
    | 'webAliases'
    | 'dnsDomains'
    | 'dnsRecords'
    | 'mailDomains'
    | 'mailAccounts'
    | 'databases'
    | 'cronJobs'
    | 'diskQuota'
    | 'bandwidth'
    | 'ns'
    | 'shell'
    | 'backups'
  >
>;

/** Hosting packages (Hestia "user packages"): the limits every dialect enforces. */
@Injectable()
export class HostingPackagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, as Hestia lists package files by mtime. */
  async list(): Promise<HostingPackageEntity[]> {
    return compiledFind(this.dataSource.getRepository(HostingPackageEntity), {}, { order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async get(name: string): Promise<HostingPackageEntity> {
    const pkg = await compiledFindOne(this.dataSource.getRepository(HostingPackageEntity), { name });
    if (!pkg) throw DomainError.notFound('package', name, 'package');
    return pkg;
  }

  /** A new package, or (with `rewrite`) new settings for an existing one, which then apply to its accounts at once. */
  async save(name: string, settings: PackageSettings, rewrite: boolean): Promise<HostingPackageEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(HostingPackageEntity);
      const exists = (): DomainError => new DomainError(DomainErrorCode.AlreadyExists, `package ${name} already exists.`, { entity: 'package', value: name });
      // Held: a deletion under way is waited for (and then the package is new again), never undone by this write.
      const existing = await holdRow(tx, HostingPackageEntity, { name }, 'update');
      if (existing && !rewrite) throw exists();
      if (!existing) return insertUnique(() => repo.save(repo.create({ ...settings, name })), exists);
      if (Object.keys(settings).length > 0) await repo.update({ id: existing.id }, settings);
      return repo.merge(existing, settings);
    });
  }

  /** A package still assigned to an account cannot go: the account's limits would vanish with it. */
  async delete(name: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Held first: an account being given the package is either committed before the check (and
      // keeps the package in use) or finds it gone.
      const pkg = await holdRow(tx, HostingPackageEntity, { name }, 'update');
      if (!pkg) throw DomainError.notFound('package', name, 'package');
      if (await tx.getRepository(AccountEntity).existsBy({ packageId: pkg.id })) {
        throw new DomainError(DomainErrorCode.InUse, `package ${name} is in use`, { entity: 'package', value: name });
      }
      await tx.getRepository(HostingPackageEntity).delete({ id: pkg.id });
    });
  }
}
