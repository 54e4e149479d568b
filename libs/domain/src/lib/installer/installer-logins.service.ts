import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { InstallerLoginEntity } from '@hostgate/shared/persistence';

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Single-use, expiring login links; the token is shown once and only its hash is stored. */
@Injectable()
export class InstallerLoginsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig,
  ) {}

  async issue(kind: 'user' | 'install', subject: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(24).toString('hex');
    const expiresAt = new Date(Date.now() + this.config.installer.loginTtlSeconds * 1000);
    await this.dataSource.getRepository(InstallerLoginEntity).insert({ tokenHash: digest(token), kind, subject, expiresAt, usedAt: null });
    return { token, expiresAt };
  }

  /** The link's target, once: a conditional update makes two simultaneous uses yield one winner. */
  async consume(token: string): Promise<{ kind: 'user' | 'install'; subject: string } | undefined> {
    if (!/^[0-9a-f]{48}$/.test(token)) return undefined;
    const repo = this.dataSource.getRepository(InstallerLoginEntity);
    const row = await repo.findOneBy({ tokenHash: digest(token) });
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) return undefined;
    const claimed = await repo.update({ tokenHash: row.tokenHash, usedAt: IsNull() }, { usedAt: new Date() });
    return claimed.affected ? { kind: row.kind, subject: row.subject } : undefined;
  }
}
