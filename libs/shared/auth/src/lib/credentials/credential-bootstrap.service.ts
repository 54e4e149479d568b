import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '@hostgate/domain';
import { type BootstrapCredentials, HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { SettingEntity } from '@hostgate/shared/persistence';
import { CredentialService } from './credential.service';
import { randomString } from './secret-hasher';

export interface BootstrapResult {
  /** Only what was generated (not given by the operator), to be shown once. */
  readonly generated: Readonly<Record<string, string>>;
}

const CLAIM_KEY = 'bootstrap_claimed_at';

/**
 * First start on an empty database: one credential per dialect, from the environment where given
 * and generated otherwise. Several processes may start together on one PostgreSQL, so the first to
 * insert the claim row does it and the others skip.
 */
@Injectable()
export class CredentialBootstrapService {
  private readonly logger = new Logger(CredentialBootstrapService.name);

  constructor(
    @Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialService,
    private readonly accounts: AccountsService,
  ) {}

  async run(): Promise<BootstrapResult | undefined> {
    const token = `${process.pid}:${randomString(16)}`;
    const settings = this.dataSource.getRepository(SettingEntity);
    await settings.createQueryBuilder().insert().values({ key: CLAIM_KEY, value: token }).orIgnore().execute();
    const claim = await settings.findOneByOrFail({ key: CLAIM_KEY });
    if (claim.value !== token) return undefined;
    const result = await this.seed(this.config.bootstrap);
    this.logger.log(`bootstrap credentials created (${Object.keys(result.generated).length} generated)`);
    return result;
  }

  private async seed(given: BootstrapCredentials): Promise<BootstrapResult> {
    const generated: Record<string, string> = {};
    const pick = (name: string, value: string | undefined, make: () => string): string => {
      if (value !== undefined) return value;
      const v = make();
      generated[name] = v;
      return v;
    };
    const adminToken = pick('HOSTGATE_ADMIN_TOKEN', given.adminToken, () => randomString(40));
    const billingUser = given.billingApiUser ?? 'hostgate';
    const billingKey = pick('BILLING_API_KEY', given.billingApiKey, () => randomString(32, '0123456789abcdef'));
    const panelUser = given.panelAdminUser ?? 'admin';
    const panelPassword = pick('PANEL_ADMIN_PASSWORD', given.panelAdminPassword, () => randomString(20));
    const projectUser = given.projectAdminUser ?? 'admin';
    const projectPassword = pick('PROJECT_ADMIN_PASSWORD', given.projectAdminPassword, () => randomString(20));
    const installerKey = pick('INSTALLER_API_KEY', given.installerApiKey, () => randomString(40, '0123456789abcdef'));

    await this.credentials.create({ kind: 'admin_token', identifier: 'bootstrap', secret: adminToken, comment: 'first start' });
    await this.credentials.create({ kind: 'billing_api_key', identifier: billingUser, secret: billingKey, companyId: 1, comment: 'first start' });
    if (!(await this.accounts.find(panelUser))) {
      await this.accounts.create({ username: panelUser, password: panelPassword, email: `${panelUser}@localhost.localdomain`, name: 'System Administrator', role: 'admin' });
    }
    await this.credentials.create({ kind: 'project_password', identifier: projectUser, secret: projectPassword, comment: 'first start' });
    await this.credentials.create({ kind: 'installer_key', identifier: 'key', secret: installerKey, comment: 'first start' });
    if (Object.keys(generated).length > 0) {
      generated['BILLING_API_USER'] = billingUser;
      generated['PANEL_ADMIN_USER'] = panelUser;
      generated['PROJECT_ADMIN_USER'] = projectUser;
    }
    return { generated };
  }
}
