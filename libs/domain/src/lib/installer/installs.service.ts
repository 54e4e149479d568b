import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { AccountEntity, compiledFind, compiledFindOne, InstallBackupEntity, InstallEntity, type InstallerTaskEntity, WebDomainEntity, WebDomainNameEntity } from '@hostgate/shared/persistence';
import { DatabasesService } from '../hosting/databases.service';
import { lockActiveAccount, splitList } from '../hosting/hosting-rules';
import { insertUnique } from '../references';
import { type AppField, type Application, ApplicationCatalog, compareVersions } from './catalog/application-catalog';
import { locationKey, parseInstallUrl } from './install-location';
import { InstallTurns } from './install-turns';
import { InstallProvisioner, type ProvisionTarget } from './provisioner';
import { InstallerTasksService } from './tasks/installer-tasks.service';

/** Scalar parameters as a dialect read them (Installatron field names). */
export type InstallerParams = Readonly<Record<string, string | undefined>>;

export interface ActionOptions {
  /** Return once the checks pass and the job is queued; poll the task. */
  readonly background?: boolean;
  /** Run every check, change nothing. */
  readonly dryrun?: boolean;
}

export type ActionOutcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'queued'; readonly task: InstallerTaskEntity; readonly installId: string } | { readonly kind: 'dryrun'; readonly value: T };

export const AUTOUP_MODES: readonly string[] = ['none', 'all', 'minor'];
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const DB_PREFIX = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;

/** Rolls a dry run's transaction back once every check inside it has passed. */
class DryRunDone extends Error {
  constructor(readonly preview: InstallEntity) {
    super('dry run');
  }
}

/** The install's owner, domain and application, resolved once per job. */
interface Resolved {
  readonly install: InstallEntity;
  readonly account: AccountEntity;
  readonly app: Application;
}

/**
 * Installs of catalog applications onto hosting accounts' web domains. An install's database is the
 * account's database (DatabasesService), so the DATABASES limit holds and the panel lists it.
 */
@Injectable()
export class InstallsService implements OnModuleInit {
  private readonly logger = new Logger('InstallsService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: ApplicationCatalog,
    private readonly databases: DatabasesService,
    private readonly provisioner: InstallProvisioner,
    private readonly tasks: InstallerTasksService,
    private readonly turns: InstallTurns,
  ) {}

  onModuleInit(): void {
    this.tasks.register('browser/install', async (task, progress) => {
      const params = JSON.parse(task.params) as { dbPassword?: string };
      await progress(10);
      return summary(await this.provision(task.installId as string, params.dbPassword ?? ''));
    });
    // An install whose job failed for good never existed: its row, database and files go.
    this.tasks.onFailed('browser/install', async (task) => {
      if (task.installId) await this.discard(task.installId);
    });
    this.tasks.register('installs/uninstall', async (task) => {
      await this.removeNow(task.installId as string);
      return { id: task.installId };
    });
    this.tasks.register('installs/update', async (task) => {
      const { version } = JSON.parse(task.params) as { version: string };
      return summary(await this.updateNow(task.installId as string, version));
    });
    this.tasks.register('installs/backup', async (task) => {
      const b = await this.backupNow(task.installId as string);
      return { id: b.id, install: b.installId, version: b.version, size: b.size };
    });
    this.tasks.register('installs/restore', async (task) => {
      const { backup } = JSON.parse(task.params) as { backup: string };
      return summary(await this.restoreNow(task.installId as string, backup));
    });
  }

  // ---- install ----------------------------------------------------------------------------

  async install(applicationId: string, params: InstallerParams, options: ActionOptions = {}): Promise<ActionOutcome<InstallEntity>> {
    const app = this.catalog.get(applicationId);
    const username = params['user']?.trim();
    if (!username) throw DomainError.missing('user');
    if (!params['url']?.trim()) throw DomainError.missing('url');
    const location = parseInstallUrl(params['url']);
    if (app.root_only && location.path !== '') throw new DomainError(DomainErrorCode.InvalidField, `${app.name} can only be installed at the root of a domain.`, { field: 'url', value: location.url, reason: 'rootonly' });
    const version = this.pickVersion(app, params['version']);
    const language = params['language'] || app.languages[0] || 'en';
    if (!app.languages.includes(language)) throw DomainError.invalid('language', language);
    const values = validateFields(app, params);
    const autoup = params['autoup'] || 'minor';
    if (!AUTOUP_MODES.includes(autoup)) throw DomainError.invalid('autoup', autoup);
    const dbPrefix = params['db_prefix'] ?? `${app.id.slice(0, 2)}_`;
    if (app.database && !DB_PREFIX.test(dbPrefix.replace(/_$/, '') || 'x')) throw DomainError.invalid('db_prefix', dbPrefix);
    const id = `${app.id}-${randomBytes(6).toString('hex')}`;
    const dbPassword = randomBytes(12).toString('base64url');
    // A dry run's rows are rolled back: no need to pay for hashing a password nobody will use.
    const dbHash = app.database && !options.dryrun ? await this.databases.hashPassword(dbPassword) : '';

    let created: { install: InstallEntity; task?: InstallerTaskEntity };
    try {
      created = await this.dataSource.transaction(async (tx) => {
        const account = await lockActiveAccount(tx, username);
        const domain = await this.domainFor(tx, account, location.host);
        const urlKey = locationKey(domain.domain, location.path);
        const taken = (): DomainError => new DomainError(DomainErrorCode.AlreadyExists, `An application is already installed at ${location.url}.`, { entity: 'install', field: 'url', value: location.url });
        if (await tx.getRepository(InstallEntity).existsBy({ urlKey })) throw taken();
        let db: { name: string; user: string; id: number; type: string; host: string } | null = null;
        if (app.database) {
          const short = `${app.id.replace(/[^a-z0-9]/g, '').slice(0, 8)}${randomBytes(3).toString('hex')}`;
          const row = await this.databases.addIn(tx, account, { database: short, dbUser: short, password: dbPassword }, dbHash);
          db = { name: row.name, user: row.dbUser, id: row.id, type: row.type, host: row.host };
        }
        const repo = tx.getRepository(InstallEntity);
        const install = await insertUnique(
          () =>
            repo.save(
              repo.create({
                id,
                accountId: account.id,
                application: app.id,
                version,
                language,
                url: location.url,
                urlKey,
                domain: domain.domain,
                path: location.path,
                title: values['sitetitle'] ?? '',
                login: values['login'] ?? '',
                email: values['email'] ?? '',
                databaseId: db?.id ?? null,
                dbName: db?.name ?? '',
                dbUser: db?.user ?? '',
                dbType: db?.type ?? '',
                dbHost: db?.host ?? '',
                dbPrefix: app.database ? dbPrefix : '',
                autoup,
                status: 'installing',
              }),
            ),
          taken,
        );
        // Nothing of this is kept: the id shown is empty, as no install was made.
        if (options.dryrun) throw new DryRunDone(Object.assign(new InstallEntity(), install, { id: '', account, databaseId: null }));
        // The password reaches the job through its params and is scrubbed when the job ends.
        const task = options.background ? await this.tasks.createIn(tx, 'browser/install', account.username, install.id, { dbPassword }) : undefined;
        return { install, task };
      });
    } catch (e) {
      if (e instanceof DryRunDone) return { kind: 'dryrun', value: e.preview };
      throw e;
    }
    if (created.task) {
      await this.tasks.dispatch(created.task);
      return { kind: 'queued', task: created.task, installId: created.install.id };
    }
    try {
      await this.provision(created.install.id, dbPassword);
    } catch (e) {
      // The caller learns why the install failed even if taking it back fails too (that is logged).
      await this.discard(created.install.id).catch((cleanup: unknown) => this.logger.error(`taking back install ${created.install.id} failed: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`));
      throw e;
    }
    return { kind: 'done', value: await this.get(created.install.id) };
  }

  private pickVersion(app: Application, requested: string | undefined): string {
    const version = !requested || requested === 'latest' ? (app.versions.find((v) => v.branch === 'current') ?? app.versions[0]).version : requested;
    if (!app.versions.some((v) => v.version === version)) throw DomainError.invalid('version', version, `Version ${version} of ${app.name} is not available.`);
    this.assertRequirements(app, version);
    return version;
  }

  private assertRequirements(app: Application, version: string): void {
    const unmet = this.catalog.unmetRequirements(app, version);
    if (unmet.length > 0) throw new DomainError(DomainErrorCode.InvalidField, `${app.name} ${version} needs ${unmet.join(', ')}, which the server does not have.`, { field: 'version', value: version, reason: 'unmetrequirements' });
  }

  /** The account's web domain (or alias) serving `host`; someone else's is 403, nobody's is a bad url. */
  private async domainFor(tx: EntityManager, account: AccountEntity, host: string): Promise<WebDomainEntity> {
    const bare = host.replace(/^www\./, '');
    const repo = tx.getRepository(WebDomainEntity);
    const own = await repo.find({ where: { accountId: account.id } });
    const mine = own.find((d) => d.domain === host || d.domain === bare || splitList(d.aliases).includes(host));
    if (mine) return mine;
    // Someone else's domain (the host, or the host without www.), or someone else's alias (the host itself).
    const taken = await compiledFind(tx.getRepository(WebDomainNameEntity), { name: [...new Set([host, bare])] });
    if (taken.some((n) => n.name === host || n.kind === 'domain')) throw new DomainError(DomainErrorCode.Forbidden, `The url does not belong to user ${account.username}.`, { field: 'user', entity: 'user', value: account.username });
    throw DomainError.invalid('url', host, `The domain ${host} is not a website of user ${account.username}.`);
  }

  /** Writes the files and marks the install ready; the job body of browser/install. */
  private provision(installId: string, dbPassword: string): Promise<InstallEntity> {
    return this.turns.run(installId, async () => {
      const r = await this.resolve(installId);
      const target = this.target(r, dbPassword);
      return this.writeThenRecord(r, target, () => this.provisioner.install(target), { status: 'installed' });
    });
  }

  /**
   * Writes an install's files, then records what they now are. If the record went meanwhile (its
   * account was deleted, or it was uninstalled), nothing owns what was written: it is taken back,
   * and the caller hears why rather than a success or a filesystem error.
   */
  private async writeThenRecord(r: Resolved, target: ProvisionTarget, write: () => Promise<unknown>, record: Partial<Pick<InstallEntity, 'status' | 'version' | 'title'>>): Promise<InstallEntity> {
    const id = r.install.id;
    const repo = this.dataSource.getRepository(InstallEntity);
    let failure: unknown;
    try {
      await write();
      const marked = await repo.update({ id }, record);
      if (marked.affected) return await this.get(id);
    } catch (e) {
      failure = e;
    }
    if (failure !== undefined && (await this.installLeft(r))) throw failure;
    await this.provisioner.abandon(target);
    throw await this.goneError(r);
  }

  /** Why an install's record is gone: its account was deleted, or the install itself was. */
  private async goneError(r: Resolved): Promise<DomainError> {
    const accountLeft = await this.dataSource.getRepository(AccountEntity).existsBy({ id: r.account.id });
    return accountLeft ? DomainError.notFound('install', r.install.id) : DomainError.notFound('user', r.account.username, 'user');
  }

  /** Takes back an install that never finished: files, database and row. */
  private async discard(installId: string): Promise<void> {
    const install = await compiledFindOne(this.dataSource.getRepository(InstallEntity), { id: installId });
    if (!install) return;
    await this.removeNow(installId);
  }

  // ---- views ------------------------------------------------------------------------------

  async get(id: string): Promise<InstallEntity> {
    const install = await this.dataSource.getRepository(InstallEntity).findOne({ where: { id }, relations: { account: true } });
    if (!install) throw DomainError.notFound('install', id);
    return install;
  }

  async list(options: { username?: string; offset: number; limit: number }): Promise<{ items: InstallEntity[]; total: number }> {
    let accountId: number | undefined;
    if (options.username !== undefined) {
      const account = await compiledFindOne(this.dataSource.getRepository(AccountEntity), { username: options.username });
      if (!account) throw DomainError.notFound('user', options.username);
      accountId = account.id;
    }
    const [items, total] = await this.dataSource.getRepository(InstallEntity).findAndCount({
      where: accountId !== undefined ? { accountId } : {},
      relations: { account: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: options.offset,
      take: options.limit,
    });
    return { items, total };
  }

  /** Where the install's files are (for display). */
  directory(install: InstallEntity): string {
    return this.provisioner.directory({ username: install.account?.username ?? '', domain: install.domain, path: install.path });
  }

  adminUrl(install: InstallEntity): string {
    const app = this.catalog.find(install.application);
    return `${install.url}/${app?.admin_path ?? ''}`;
  }

  // ---- edit -------------------------------------------------------------------------------

  /** Changes what the record shows (title, admin login and email, auto-update mode, language). */
  async edit(id: string, params: InstallerParams): Promise<InstallEntity> {
    const { install, app } = await this.resolve(id);
    const changes: Partial<InstallEntity> = {};
    const fields = new Map(app.fields.map((f) => [f.id, f]));
    for (const [param, column] of [
      ['sitetitle', 'title'],
      ['login', 'login'],
      ['email', 'email'],
    ] as const) {
      const value = params[param];
      if (value === undefined) continue;
      const field = fields.get(param) ?? { id: param, type: param === 'email' ? 'email' : 'text', label: param, required: true };
      checkField(field, value);
      changes[column] = value;
    }
    if (params['autoup'] !== undefined) {
      if (!AUTOUP_MODES.includes(params['autoup'])) throw DomainError.invalid('autoup', params['autoup']);
      changes.autoup = params['autoup'];
    }
    if (params['language'] !== undefined) {
      if (!app.languages.includes(params['language'])) throw DomainError.invalid('language', params['language']);
      changes.language = params['language'];
    }
    if (Object.keys(changes).length > 0) await this.dataSource.getRepository(InstallEntity).update({ id: install.id }, changes);
    return this.get(id);
  }

  // ---- uninstall --------------------------------------------------------------------------

  async uninstall(id: string, options: ActionOptions = {}): Promise<ActionOutcome<{ id: string }>> {
    const { install } = await this.resolve(id);
    if (options.dryrun) return { kind: 'dryrun', value: { id: install.id } };
    if (options.background) return this.queue('installs/uninstall', install);
    await this.removeNow(id);
    return { kind: 'done', value: { id } };
  }

  /** Files first (a failure leaves the record to retry), then the database and the record together. */
  private removeNow(id: string): Promise<void> {
    return this.turns.run(id, () => this.remove(id));
  }

  private async remove(id: string): Promise<void> {
    const r = await this.resolveMaybe(id);
    if (!r) return;
    await this.provisioner.uninstall(this.target(r, ''));
    await this.dataSource.transaction(async (tx) => {
      const account = await lockActiveAccountOrAny(tx, r.account.username);
      if (r.install.databaseId !== null) {
        await this.databases.deleteIn(tx, account, r.install.dbName).catch((e: unknown) => {
          // The panel may have deleted it already; that is not a reason to keep the install.
          if (!(e instanceof DomainError && e.code === DomainErrorCode.NotFound)) throw e;
        });
      }
      await tx.getRepository(InstallEntity).delete({ id });
    });
  }

  // ---- update -----------------------------------------------------------------------------

  async update(id: string, requested: string | undefined, options: ActionOptions = {}): Promise<ActionOutcome<InstallEntity>> {
    const { install, app } = await this.resolve(id);
    const version = requested && requested !== 'latest' ? requested : app.versions[0].version;
    if (!app.versions.some((v) => v.version === version)) throw DomainError.invalid('version', version, `Version ${version} of ${app.name} is not available.`);
    if (compareVersions(version, install.version) <= 0) throw alreadyAt(version, install.version);
    this.assertRequirements(app, version);
    if (options.dryrun) return { kind: 'dryrun', value: install };
    if (options.background) return this.queue('installs/update', install, { version });
    return { kind: 'done', value: await this.updateNow(id, version) };
  }

  private updateNow(id: string, version: string): Promise<InstallEntity> {
    return this.turns.run(id, async () => {
      const r = await this.resolve(id);
      // An update that ran while this one waited may have reached this version already.
      if (compareVersions(version, r.install.version) <= 0) throw alreadyAt(version, r.install.version);
      const target = { ...this.target(r, ''), version };
      return this.writeThenRecord(r, target, () => this.provisioner.install(target, { writeConfig: false }), { version });
    });
  }

  // ---- backups ----------------------------------------------------------------------------

  async backup(id: string, options: ActionOptions = {}): Promise<ActionOutcome<InstallBackupEntity>> {
    const { install } = await this.resolve(id);
    if (options.background) return this.queue('installs/backup', install);
    return { kind: 'done', value: await this.backupNow(id) };
  }

  private backupNow(id: string): Promise<InstallBackupEntity> {
    return this.turns.run(id, () => this.backupInTurn(id));
  }

  private async backupInTurn(id: string): Promise<InstallBackupEntity> {
    const r = await this.resolve(id);
    const backupId = `${r.install.id}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    let copy: { archive: string; size: number };
    try {
      copy = await this.provisioner.backup(this.target(r, ''), backupId);
    } catch (e) {
      // The provisioner keeps nothing of a failed copy; its files going away under it is the
      // install (or its site, or its account) having been removed meanwhile.
      if (await this.installLeft(r)) throw e;
      throw await this.goneError(r);
    }
    const { archive, size } = copy;
    // Removed while the files were copied (the panel deleting the site or the account): the copy may
    // lack files that went first, so it is not kept as a backup.
    if (!(await this.installLeft(r))) {
      await this.provisioner.dropBackup(archive);
      throw await this.goneError(r);
    }
    const repo = this.dataSource.getRepository(InstallBackupEntity);
    try {
      const saved = await repo.save(repo.create({ id: backupId, accountId: r.account.id, installId: r.install.id, application: r.install.application, version: r.install.version, url: r.install.url, title: r.install.title, archive, size }));
      return Object.assign(saved, { account: r.account });
    } catch (e) {
      // No row points at the copy: it goes, whatever refused the row (best effort: the error
      // that matters is the row's).
      await this.provisioner.dropBackup(archive).catch((drop: unknown) => this.logger.error(`backup archive ${archive} left behind: ${drop instanceof Error ? drop.message : String(drop)}`));
      // The account was deleted after the copy was made (its backups' rows went, this one cannot be added).
      if (!(await this.dataSource.getRepository(AccountEntity).existsBy({ id: r.account.id }).catch(() => true))) throw DomainError.notFound('user', r.account.username, 'user');
      throw e;
    }
  }

  /** Whether the install's record (and so its account) is still there. */
  private installLeft(r: Resolved): Promise<boolean> {
    return this.dataSource.getRepository(InstallEntity).existsBy({ id: r.install.id });
  }

  async restore(id: string, backupId: string | undefined, options: ActionOptions = {}): Promise<ActionOutcome<InstallEntity>> {
    const { install } = await this.resolve(id);
    if (!backupId) throw DomainError.missing('backup');
    const backup = await compiledFindOne(this.dataSource.getRepository(InstallBackupEntity), { id: backupId });
    if (!backup || backup.installId !== install.id) throw DomainError.invalid('backup', backupId, `Backup ${backupId} is not a backup of install ${install.id}.`);
    if (options.dryrun) return { kind: 'dryrun', value: install };
    if (options.background) return this.queue('installs/restore', install, { backup: backupId });
    return { kind: 'done', value: await this.restoreNow(id, backupId) };
  }

  private restoreNow(id: string, backupId: string): Promise<InstallEntity> {
    return this.turns.run(id, async () => {
      const r = await this.resolve(id);
      const backup = await compiledFindOne(this.dataSource.getRepository(InstallBackupEntity), { id: backupId });
      // Deleted while the restore waited for its turn.
      if (!backup) throw DomainError.invalid('backup', backupId, `Backup ${backupId} is not a backup of install ${r.install.id}.`);
      const target = this.target(r, '');
      return this.writeThenRecord(r, target, () => this.provisioner.restore(target, backup.archive), { version: backup.version, title: backup.title });
    });
  }

  async listBackups(options: { username?: string; installId?: string; offset: number; limit: number }): Promise<{ items: InstallBackupEntity[]; total: number }> {
    const where: { accountId?: number; installId?: string } = {};
    if (options.username !== undefined) {
      const account = await compiledFindOne(this.dataSource.getRepository(AccountEntity), { username: options.username });
      if (!account) throw DomainError.notFound('user', options.username);
      where.accountId = account.id;
    }
    if (options.installId !== undefined) where.installId = options.installId;
    const [items, total] = await this.dataSource.getRepository(InstallBackupEntity).findAndCount({ where, relations: { account: true }, order: { createdAt: 'DESC', id: 'ASC' }, skip: options.offset, take: options.limit });
    return { items, total };
  }

  async getBackup(id: string): Promise<InstallBackupEntity> {
    const backup = await this.dataSource.getRepository(InstallBackupEntity).findOne({ where: { id }, relations: { account: true } });
    if (!backup) throw DomainError.notFound('backup', id);
    return backup;
  }

  /** In its install's turn: a restore from this backup under way finishes copying first. */
  async deleteBackup(id: string): Promise<void> {
    const { installId } = await this.getBackup(id);
    await this.turns.run(installId, async () => {
      const backup = await this.getBackup(id);
      // The row first, then the archive: a failure in between leaves an archive nothing points at,
      // not a backup that cannot be restored.
      await this.dataSource.getRepository(InstallBackupEntity).delete({ id });
      await this.provisioner.dropBackup(backup.archive);
    });
  }

  // ---- login ------------------------------------------------------------------------------

  /** Only applications with single sign-on support it (WordPress, Joomla!, ...). */
  async assertSso(id: string): Promise<InstallEntity> {
    const { install, app } = await this.resolve(id);
    if (!app.sso) throw new DomainError(DomainErrorCode.Forbidden, `${app.name} does not support single sign-on.`, { field: 'id', entity: 'install', value: id });
    return install;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async queue<T>(cmd: string, install: InstallEntity, params: object = {}): Promise<ActionOutcome<T>> {
    const task = await this.dataSource.transaction((tx) => this.tasks.createIn(tx, cmd, install.account?.username ?? null, install.id, params));
    await this.tasks.dispatch(task);
    return { kind: 'queued', task, installId: install.id };
  }

  private async resolveMaybe(id: string): Promise<Resolved | undefined> {
    const install = await this.dataSource.getRepository(InstallEntity).findOne({ where: { id }, relations: { account: true } });
    if (!install?.account) return undefined;
    return { install, account: install.account, app: this.catalog.get(install.application) };
  }

  private async resolve(id: string): Promise<Resolved> {
    const r = await this.resolveMaybe(id);
    if (!r) throw DomainError.notFound('install', id);
    return r;
  }

  private target(r: Resolved, dbPassword: string): ProvisionTarget {
    const i = r.install;
    return {
      installId: i.id,
      username: r.account.username,
      domain: i.domain,
      path: i.path,
      url: i.url,
      application: r.app,
      version: i.version,
      title: i.title,
      login: i.login,
      email: i.email,
      database: i.dbName ? { name: i.dbName, user: i.dbUser, password: dbPassword, host: i.dbHost, type: i.dbType, prefix: i.dbPrefix } : null,
    };
  }
}

function alreadyAt(version: string, current: string): DomainError {
  return DomainError.invalid('version', version, `The install is already at version ${current}.`);
}

/** What a finished job reports about its install (never the account row with its secrets). */
function summary(i: InstallEntity): Record<string, string> {
  return { id: i.id, application: i.application, version: i.version, url: i.url };
}

/** Uninstalling works on a suspended account too (clean-up must never be refused). */
async function lockActiveAccountOrAny(tx: EntityManager, username: string): Promise<AccountEntity> {
  try {
    return await lockActiveAccount(tx, username);
  } catch (e) {
    if (e instanceof DomainError && e.code === DomainErrorCode.Suspended) return tx.getRepository(AccountEntity).findOneByOrFail({ username });
    throw e;
  }
}

/** Every field of the application, each answering invalid_argument_<field> when it does not fit. */
export function validateFields(app: Application, params: InstallerParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of app.fields) {
    const given = params[field.id];
    const value = given === undefined || given === '' ? (field.default ?? '') : given;
    if (value === '' && !field.required) {
      values[field.id] = '';
      continue;
    }
    checkField(field, value);
    values[field.id] = value;
  }
  return values;
}

function checkField(field: AppField, value: string): void {
  const bad = (why: string): DomainError => DomainError.invalid(field.id, field.type === 'password' ? '' : value, `${field.label}: ${why}`);
  if (value === '') throw bad('a value is required.');
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw bad('control characters are not allowed.');
  if (field.minlength !== undefined && [...value].length < field.minlength) throw bad(`at least ${field.minlength} characters.`);
  if (field.maxlength !== undefined && [...value].length > field.maxlength) throw bad(`at most ${field.maxlength} characters.`);
  if (field.type === 'email' && !EMAIL.test(value)) throw bad('not a valid email address.');
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) throw bad('not in the accepted format.');
  if (field.options !== undefined && !field.options.includes(value)) throw bad(`one of ${field.options.join(', ')}.`);
}
