import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '@hostgate/domain';
import { type BootstrapCredentials, HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { AccountEntity, SettingEntity } from '@hostgate/shared/persistence';
import { CredentialService, type PreparedCredential } from './credential.service';
import { randomString } from './secret-hasher';

export interface BootstrapResult {
  /** Only what was generated (not given by the operator), to be shown once. */
  readonly generated: Readonly<Record<string, string>>;
}

const CLAIM_KEY = 'bootstrap_claimed_at';

interface BootstrapPlan {
  readonly generated: Record<string, string>;
  readonly credentials: readonly PreparedCredential[];
  readonly panel: { readonly username: string; readonly email: string; readonly name: string; readonly role: 'admin' };
  readonly panelPasswordHash: string;
}

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
    // Every later start: the claim is there (read first, so no secret is hashed for nothing).
    if (await this.dataSource.getRepository(SettingEntity).existsBy({ key: CLAIM_KEY })) return undefined;
    const token = `${process.pid}:${randomString(16)}`;
    const plan = await this.plan(this.config.bootstrap);
    // One transaction for the claim and everything it stands for: a start that fails halfway leaves
    // no claim, and the next start bootstraps again (a claim committed alone would stop every later
    // start from making what is missing). A process starting at the same time waits on the claim's
    // key until this one commits, then finds it taken.
    const won = await this.dataSource.transaction(async (tx) => {
      const settings = tx.getRepository(SettingEntity);
      await settings.createQueryBuilder().insert().values({ key: CLAIM_KEY, value: token }).orIgnore().execute();
      if ((await settings.findOneByOrFail({ key: CLAIM_KEY })).value !== token) return false;
      for (const credential of plan.credentials) await this.credentials.createIn(tx, credential);
      if (!(await tx.getRepository(AccountEntity).existsBy({ username: plan.panel.username }))) await this.accounts.createIn(tx, plan.panel, plan.panelPasswordHash);
      return true;
    });
    if (!won) return undefined;
    this.logger.log(`bootstrap credentials created (${Object.keys(plan.generated).length} generated)`);
    return { generated: plan.generated };
  }

  /** What the first start creates, from the environment where given and generated otherwise; secrets hashed. */
  private async plan(given: BootstrapCredentials): Promise<BootstrapPlan> {
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
    if (Object.keys(generated).length > 0) {
      generated['BILLING_API_USER'] = billingUser;
      generated['PANEL_ADMIN_USER'] = panelUser;
      generated['PROJECT_ADMIN_USER'] = projectUser;
    }
    const credentials = await Promise.all([
      this.credentials.prepare({ kind: 'admin_token', identifier: 'bootstrap', secret: adminToken, comment: 'first start' }),
      this.credentials.prepare({ kind: 'billing_api_key', identifier: billingUser, secret: billingKey, companyId: 1, comment: 'first start' }),
      this.credentials.prepare({ kind: 'project_password', identifier: projectUser, secret: projectPassword, comment: 'first start' }),
      this.credentials.prepare({ kind: 'installer_key', identifier: 'key', secret: installerKey, comment: 'first start' }),
    ]);
    const panel = { username: panelUser, email: `${panelUser}@localhost.localdomain`, name: 'System Administrator', role: 'admin' as const };
    return { generated, credentials, panel, panelPasswordHash: await this.accounts.hashPassword(panelPassword) };
  }
}
