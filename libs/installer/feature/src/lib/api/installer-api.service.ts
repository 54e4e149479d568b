import { Injectable } from '@nestjs/common';
import {
  type ActionOutcome,
  type Application,
  ApplicationCatalog,
  AccountsService,
  InstallerLoginsService,
  InstallerTasksService,
  InstallerUsersService,
  type InstallerWebsite,
  InstallsService,
  ProvisionError,
} from '@hostgate/domain';
import { DomainError } from '@hostgate/shared/errors';
import { type InstallEntity } from '@hostgate/shared/persistence';
import { installatronError, installatronOk, type InstallatronBody } from './installatron-envelope';
import { bool, dryrun, scalars, str, window } from './installer-input';
import { type InstallerRoute, matchRoute, type RouteAnswer, type RouteParam } from './installer-routes';
import { applicationDetail, applicationSummary, backupView, installView, taskView, userView } from './installer-views';

const OFFSET: RouteParam = { name: 'offset', in: 'input', type: 'integer', description: 'Entries to skip', default: 0 };
const LIMIT: RouteParam = { name: 'limit', in: 'input', type: 'integer', description: 'Entries to return (1-1000)', default: 50 };
const ID = (what: string): RouteParam => ({ name: 'id', in: 'path', type: 'string', required: true, description: `The ${what}'s id` });
const BACKGROUND: RouteParam = { name: 'background', in: 'input', type: 'boolean', description: 'Return once the checks pass; follow the job at GET /tasks/{id}', default: false };
const DRYRUN: RouteParam = { name: 'dryrun', in: 'input', type: 'string', enum: ['none', 'all', 'input'], description: 'all/input: run every check and change nothing (errcode complete_dryrun)', default: 'none' };
const USER_FILTER: RouteParam = { name: 'user', in: 'input', type: 'string', description: 'Only this user’s entries' };
const KEY_ERROR = [403, 'invalid_api_key'] as const;
const obj = (properties: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'object', properties, additionalProperties: true });
const arr = (items: Record<string, unknown>): Record<string, unknown> => ({ type: 'array', items });
const S = { type: 'string' };
const I = { type: 'integer' };
const B = { type: 'boolean' };
const NS = { type: 'string', nullable: true };

/** With background the data is {id, task, status} instead: one object schema holding both shapes' fields. */
const orQueued = (schema: Record<string, unknown>): Record<string, unknown> => ({
  ...schema,
  description: 'The result; with background=true instead {id, task, status} (follow the task at GET /tasks/{id})',
  properties: { ...(schema['properties'] as object), task: { type: 'string', description: 'The background task, when backgrounded' } },
});

const USER_SCHEMA = obj({ id: S, parent: S, type: S, suspended: B, locale: S, email: S, websites: arr(obj({ path: S, label: S, server: S, vhosts: obj(), databases: arr(obj()) })) });
const INSTALL_SCHEMA = obj({ id: S, installer: S, version: S, language: S, time: I, owner: S, status: S, path: S, url: S, 'url-domain': S, 'db-name': NS, 'db-user': NS, title: S, autoup: S, 'link-admin': S });
const TASK_SCHEMA = obj({ id: S, cmd: S, user: NS, install: NS, status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed'] }, progress: I, result: {}, errcode: NS, errfield: NS, message: S });
const BACKUP_SCHEMA = obj({ id: S, install: S, user: NS, installer: S, version: S, url: S, size: I, time: I });
const APP_SCHEMA = obj({ id: S, name: S, type: S, authordescription: S, version: S, branch: S, languages: arr(S) });

const USER_INPUT: RouteParam[] = [
  { name: 'email', in: 'input', type: 'string', description: 'Contact email address' },
  { name: 'language', in: 'input', type: 'string', description: 'Interface language' },
  { name: 'package', in: 'input', type: 'string', description: 'Hosting package of the account' },
  { name: 'parent', in: 'input', type: 'string', description: 'Reseller owning the user' },
  { name: 'suspended', in: 'input', type: 'boolean', description: 'Suspend or unsuspend the account' },
  { name: 'type', in: 'input', type: 'string', enum: ['user', 'reseller'], description: 'Account type' },
  { name: 'websites', in: 'input', type: 'array', description: 'The user’s websites {label, path, vhosts {url: path}}: they become exactly the account’s web domains' },
];

/**
 * The Installatron API as one table of routes over the domain services. The HTTP controller, the
 * CLI (`installer-api`) and the v1 `cmd=` adapter all call run(), so they answer the same JSON.
 */
@Injectable()
export class InstallerApi {
  readonly routes: readonly InstallerRoute[];

  constructor(
    private readonly catalog: ApplicationCatalog,
    private readonly installs: InstallsService,
    private readonly users: InstallerUsersService,
    private readonly accounts: AccountsService,
    private readonly tasks: InstallerTasksService,
    private readonly logins: InstallerLoginsService,
  ) {
    this.routes = this.define();
  }

  /** Runs one call; domain errors propagate (each transport renders them), provisioning failures become their errcode. */
  async run(method: string, path: string, input: Readonly<Record<string, unknown>>, publicBase: string): Promise<{ status: number; body: InstallatronBody }> {
    const match = matchRoute(this.routes, method.toUpperCase(), path);
    if (match.kind === 'not_found') return envelope(installatronError(404, 'invalid_command', 'The command is not recognized.'));
    if (match.kind === 'method_not_allowed') return envelope(installatronError(405, 'invalid_method', 'The HTTP method is not supported by this command.'));
    let answer: RouteAnswer;
    try {
      answer = await match.route.handle({ path: match.path, input, publicBase });
    } catch (e) {
      if (e instanceof ProvisionError) return envelope(installatronError(500, e.errcode, e.summary));
      throw e;
    }
    const ok = installatronOk(answer.data, answer.list);
    const body = JSON.parse(ok.body) as InstallatronBody;
    return { status: 200, body: answer.errcode ? { ...body, errcode: answer.errcode, message: answer.errcode === 'complete_dryrun' ? 'The dry run completed; nothing was changed.\n' : body.message } : body };
  }

  private define(): InstallerRoute[] {
    return [
      {
        method: 'GET',
        path: '/browser',
        operationId: 'listApplications',
        tag: 'browser',
        summary: 'List the application catalog',
        description: 'Applications that can be installed, filterable by type, language and a search text.',
        params: [
          { name: 'language', in: 'input', type: 'string', description: 'Only applications available in this language' },
          { name: 'type', in: 'input', type: 'string', description: 'Only applications of this type (blog, cms, wiki, forum, files, ...)' },
          { name: 'search', in: 'input', type: 'string', description: 'Text the id, name or description contains' },
          { name: 'user', in: 'input', type: 'string', description: 'List as this user sees it (must exist)' },
          OFFSET,
          LIMIT,
        ],
        list: true,
        errors: [[400, 'invalid_argument_offset'], [404, 'user_not_found'], KEY_ERROR],
        dataSchema: arr(APP_SCHEMA),
        handle: async ({ input }) => {
          const w = window(input);
          const user = str(input, 'user');
          if (user) await this.accounts.get(user);
          const language = str(input, 'language');
          const type = str(input, 'type')?.toLowerCase();
          const search = str(input, 'search')?.toLowerCase();
          const matches = (a: Application): boolean =>
            (!language || a.languages.includes(language)) && (!type || a.type === type) && (!search || `${a.id} ${a.name} ${a.authordescription}`.toLowerCase().includes(search));
          const all = this.catalog.all().filter(matches);
          const page = all.slice(w.offset, w.offset + w.limit).map(applicationSummary);
          return { data: page, list: { total: all.length, offset: w.offset, count: page.length } };
        },
      },
      {
        method: 'GET',
        path: '/browser/{id}',
        operationId: 'getApplication',
        tag: 'browser',
        summary: 'View an application',
        description: 'Versions (with branch and requirements), install fields and languages of one application.',
        params: [ID('application'), { name: 'version', in: 'input', type: 'string', description: 'Describe this version (default: the current one)' }, { name: 'user', in: 'input', type: 'string', description: 'View as this user (must exist)' }],
        errors: [[400, 'invalid_argument_version'], [404, 'application_not_found'], [404, 'user_not_found'], KEY_ERROR],
        dataSchema: obj({ id: S, name: S, version: S, branch: S, requirements: obj(), versions: arr(obj({ version: S, branch: S, requirements: obj() })), fields: arr(obj({ id: S, type: S, label: S, required: B })) }),
        handle: async ({ path, input }) => {
          const app = this.catalog.get(path['id']);
          const user = str(input, 'user');
          if (user) await this.accounts.get(user);
          const version = str(input, 'version');
          if (version && !app.versions.some((v) => v.version === version)) throw DomainError.invalid('version', version);
          return { data: applicationDetail(app, version) };
        },
      },
      {
        method: 'POST',
        path: '/browser/{id}/install',
        operationId: 'installApplication',
        tag: 'browser',
        summary: 'Install an application',
        description: 'Installs the application at `url`, which must lie on one of the user’s websites, creating its database under the user’s package limits.',
        params: [
          ID('application'),
          { name: 'user', in: 'input', type: 'string', required: true, description: 'The user (hosting account) to install for' },
          { name: 'url', in: 'input', type: 'string', required: true, description: 'Full URL of the new site, e.g. https://website.com/blog/' },
          { name: 'version', in: 'input', type: 'string', description: 'Version to install (default: the current one)' },
          { name: 'language', in: 'input', type: 'string', description: 'Language of the site' },
          { name: 'login', in: 'input', type: 'string', description: 'Administrator user name' },
          { name: 'passwd', in: 'input', type: 'string', description: 'Administrator password' },
          { name: 'email', in: 'input', type: 'string', description: 'Administrator email' },
          { name: 'sitetitle', in: 'input', type: 'string', description: 'Site title' },
          { name: 'sitetagline', in: 'input', type: 'string', description: 'Site tagline' },
          { name: 'content', in: 'input', type: 'string', enum: ['yes', 'no'], description: 'Install sample content' },
          { name: 'autoup', in: 'input', type: 'string', enum: ['none', 'all', 'minor'], description: 'Automatic updates', default: 'minor' },
          { name: 'db_prefix', in: 'input', type: 'string', description: 'Table prefix' },
          BACKGROUND,
          DRYRUN,
        ],
        errors: [
          [400, 'empty_argument_user'],
          [400, 'empty_argument_url'],
          [400, 'invalid_argument_url'],
          [400, 'invalid_argument_url_alreadyexists'],
          [400, 'invalid_argument_url_rootonly'],
          [400, 'invalid_argument_version'],
          [400, 'invalid_argument_version_unmetrequirements'],
          [400, 'invalid_argument_language'],
          [400, 'invalid_argument_login'],
          [400, 'invalid_argument_passwd'],
          [400, 'invalid_argument_email'],
          [400, 'invalid_argument_sitetitle'],
          [400, 'invalid_argument_sitetagline'],
          [400, 'invalid_argument_content'],
          [400, 'invalid_argument_autoup'],
          [400, 'invalid_argument_db_prefix'],
          KEY_ERROR,
          [403, 'invalid_argument_user'],
          [404, 'application_not_found'],
          [404, 'user_not_found'],
          [500, 'failed_database_create'],
          [500, 'failed_filesystem_permission'],
        ],
        dataSchema: orQueued(INSTALL_SCHEMA),
        handle: async ({ path, input }) => this.outcome(await this.installs.install(path['id'], scalars(input), { background: bool(input, 'background'), dryrun: dryrun(input) }), (i) => this.install(i)),
      },
      {
        method: 'GET',
        path: '/installs',
        operationId: 'listInstalls',
        tag: 'installs',
        summary: 'List installs',
        description: 'Installed applications, optionally of one user.',
        params: [USER_FILTER, OFFSET, LIMIT],
        list: true,
        errors: [[400, 'invalid_argument_offset'], [404, 'user_not_found'], KEY_ERROR],
        dataSchema: arr(INSTALL_SCHEMA),
        handle: async ({ input }) => {
          const w = window(input);
          const { items, total } = await this.installs.list({ username: str(input, 'user') || undefined, ...w });
          return { data: items.map((i) => this.install(i)), list: { total, offset: w.offset, count: items.length } };
        },
      },
      {
        method: 'GET',
        path: '/installs/{id}',
        operationId: 'getInstall',
        tag: 'installs',
        summary: 'View an install',
        description: 'One installed application.',
        params: [ID('install')],
        errors: [[404, 'install_not_found'], KEY_ERROR],
        dataSchema: INSTALL_SCHEMA,
        handle: async ({ path }) => ({ data: this.install(await this.installs.get(path['id'])) }),
      },
      {
        method: 'POST',
        path: '/installs/{id}',
        operationId: 'editInstall',
        tag: 'installs',
        summary: 'Edit an install',
        description: 'Changes the title, administrator login or email, auto-update mode or language on record.',
        params: [
          ID('install'),
          { name: 'sitetitle', in: 'input', type: 'string', description: 'Site title' },
          { name: 'login', in: 'input', type: 'string', description: 'Administrator user name' },
          { name: 'email', in: 'input', type: 'string', description: 'Administrator email' },
          { name: 'autoup', in: 'input', type: 'string', enum: ['none', 'all', 'minor'], description: 'Automatic updates' },
          { name: 'language', in: 'input', type: 'string', description: 'Language' },
        ],
        errors: [[400, 'invalid_argument_email'], [400, 'invalid_argument_autoup'], [404, 'install_not_found'], KEY_ERROR],
        dataSchema: INSTALL_SCHEMA,
        handle: async ({ path, input }) => ({ data: this.install(await this.installs.edit(path['id'], scalars(input))) }),
      },
      {
        method: 'DELETE',
        path: '/installs/{id}',
        operationId: 'uninstall',
        tag: 'installs',
        summary: 'Uninstall',
        description: 'Removes the application’s files and its database.',
        params: [ID('install'), BACKGROUND, DRYRUN],
        errors: [[404, 'install_not_found'], KEY_ERROR],
        dataSchema: orQueued(obj({ id: S })),
        handle: async ({ path, input }) => this.outcome(await this.installs.uninstall(path['id'], { background: bool(input, 'background'), dryrun: dryrun(input) }), (v) => v),
      },
      {
        method: 'POST',
        path: '/installs/{id}/update',
        operationId: 'updateInstall',
        tag: 'installs',
        summary: 'Update an install',
        description: 'Upgrades the application to a newer version (default: the newest).',
        params: [ID('install'), { name: 'version', in: 'input', type: 'string', description: 'Target version' }, BACKGROUND, DRYRUN],
        errors: [[400, 'invalid_argument_version'], [400, 'invalid_argument_version_unmetrequirements'], [404, 'install_not_found'], [404, 'user_not_found'], [500, 'failed_filesystem_permission'], KEY_ERROR],
        dataSchema: orQueued(INSTALL_SCHEMA),
        handle: async ({ path, input }) => this.outcome(await this.installs.update(path['id'], str(input, 'version'), { background: bool(input, 'background'), dryrun: dryrun(input) }), (i) => this.install(i)),
      },
      {
        method: 'POST',
        path: '/installs/{id}/backup',
        operationId: 'backupInstall',
        tag: 'installs',
        summary: 'Back up an install',
        description: 'Copies the application’s files into a backup (see GET /backups).',
        params: [ID('install'), BACKGROUND],
        errors: [[404, 'install_not_found'], [404, 'user_not_found'], [500, 'failed_filesystem_permission'], KEY_ERROR],
        dataSchema: orQueued(BACKUP_SCHEMA),
        handle: async ({ path, input }) => this.outcome(await this.installs.backup(path['id'], { background: bool(input, 'background') }), (b) => backupView(b)),
      },
      {
        method: 'POST',
        path: '/installs/{id}/restore',
        operationId: 'restoreInstall',
        tag: 'installs',
        summary: 'Restore an install from a backup',
        description: 'Puts a backup’s files back in place and returns the install at the backup’s version.',
        params: [ID('install'), { name: 'backup', in: 'input', type: 'string', required: true, description: 'Backup id (from GET /backups)' }, BACKGROUND, DRYRUN],
        errors: [[400, 'empty_argument_backup'], [400, 'invalid_argument_backup'], [404, 'install_not_found'], [404, 'user_not_found'], [500, 'failed_filesystem_permission'], KEY_ERROR],
        dataSchema: orQueued(INSTALL_SCHEMA),
        handle: async ({ path, input }) => this.outcome(await this.installs.restore(path['id'], str(input, 'backup'), { background: bool(input, 'background'), dryrun: dryrun(input) }), (i) => this.install(i)),
      },
      {
        method: 'POST',
        path: '/installs/{id}/login',
        operationId: 'loginInstall',
        tag: 'installs',
        summary: 'Single sign-on to an install’s admin area',
        description: 'A single-use, expiring URL that signs in to the application’s administration (applications with SSO only).',
        params: [ID('install')],
        errors: [[403, 'invalid_argument_id'], [404, 'install_not_found'], KEY_ERROR],
        dataSchema: S,
        handle: async ({ path, publicBase }) => {
          const install = await this.installs.assertSso(path['id']);
          const { token } = await this.logins.issue('install', install.id);
          return { data: `${publicBase}/installer/sso/${token}` };
        },
      },
      {
        method: 'GET',
        path: '/backups',
        operationId: 'listBackups',
        tag: 'backups',
        summary: 'List backups',
        description: 'Backups, optionally of one user or one install.',
        params: [USER_FILTER, { name: 'install', in: 'input', type: 'string', description: 'Only this install’s backups' }, OFFSET, LIMIT],
        list: true,
        errors: [[404, 'user_not_found'], KEY_ERROR],
        dataSchema: arr(BACKUP_SCHEMA),
        handle: async ({ input }) => {
          const w = window(input);
          const { items, total } = await this.installs.listBackups({ username: str(input, 'user') || undefined, installId: str(input, 'install') || undefined, ...w });
          return { data: items.map(backupView), list: { total, offset: w.offset, count: items.length } };
        },
      },
      {
        method: 'GET',
        path: '/backups/{id}',
        operationId: 'getBackup',
        tag: 'backups',
        summary: 'View a backup',
        description: 'One backup.',
        params: [ID('backup')],
        errors: [[404, 'backup_not_found'], KEY_ERROR],
        dataSchema: BACKUP_SCHEMA,
        handle: async ({ path }) => ({ data: backupView(await this.installs.getBackup(path['id'])) }),
      },
      {
        method: 'DELETE',
        path: '/backups/{id}',
        operationId: 'deleteBackup',
        tag: 'backups',
        summary: 'Delete a backup',
        description: 'Deletes the backup and its files.',
        params: [ID('backup')],
        errors: [[404, 'backup_not_found'], KEY_ERROR],
        dataSchema: obj({ id: S }),
        handle: async ({ path }) => {
          await this.installs.deleteBackup(path['id']);
          return { data: { id: path['id'] } };
        },
      },
      {
        method: 'GET',
        path: '/users',
        operationId: 'listUsers',
        tag: 'users',
        summary: 'List users',
        description: 'The hosting accounts, as Installatron users; their websites are the accounts’ web domains.',
        params: [OFFSET, LIMIT],
        list: true,
        errors: [[400, 'invalid_argument_offset'], [400, 'invalid_argument_limit'], KEY_ERROR],
        dataSchema: arr(USER_SCHEMA),
        handle: async ({ input }) => {
          const w = window(input);
          const { items, total } = await this.users.list(w.offset, w.limit);
          return { data: items.map(userView), list: { total, offset: w.offset, count: items.length } };
        },
      },
      {
        method: 'POST',
        path: '/users',
        operationId: 'createUser',
        tag: 'users',
        summary: 'Create (or update) a user',
        description: 'Creates the hosting account when the panel lacks it; `websites` become the account’s web domains.',
        params: [{ name: 'id', in: 'input', type: 'string', required: true, description: 'User name' }, ...USER_INPUT],
        errors: [[400, 'empty_argument_id'], [400, 'invalid_argument_id'], [400, 'invalid_argument_email'], [400, 'invalid_argument_package'], [400, 'invalid_argument_websites'], [400, 'invalid_argument_websites_alreadyexists'], [404, 'package_not_found'], KEY_ERROR],
        dataSchema: USER_SCHEMA,
        handle: async ({ input }) => ({ data: userView((await this.users.save(str(input, 'id') ?? '', userInput(input))).view) }),
      },
      {
        method: 'GET',
        path: '/users/{id}',
        operationId: 'getUser',
        tag: 'users',
        summary: 'View a user',
        description: 'The account with its websites (web domains) and databases.',
        params: [ID('user')],
        errors: [[404, 'user_not_found'], KEY_ERROR],
        dataSchema: USER_SCHEMA,
        handle: async ({ path }) => ({ data: userView(await this.users.view(path['id'])) }),
      },
      {
        method: 'POST',
        path: '/users/{id}',
        operationId: 'editUser',
        tag: 'users',
        summary: 'Edit (or create) a user',
        description: 'Changes email, package, suspension or websites; the panel sees the same account and domains.',
        params: [ID('user'), ...USER_INPUT],
        errors: [[400, 'invalid_argument_email'], [400, 'invalid_argument_package'], [400, 'invalid_argument_websites'], [400, 'invalid_argument_websites_alreadyexists'], [404, 'package_not_found'], KEY_ERROR],
        dataSchema: USER_SCHEMA,
        handle: async ({ path, input }) => ({ data: userView((await this.users.save(path['id'], userInput(input))).view) }),
      },
      {
        method: 'DELETE',
        path: '/users/{id}',
        operationId: 'deleteUser',
        tag: 'users',
        summary: 'Delete a user',
        description: 'As in Installatron, removes only the installer’s knowledge of the user (install and backup records); the hosting account, files and databases stay.',
        params: [ID('user'), BACKGROUND, DRYRUN],
        errors: [[404, 'user_not_found'], KEY_ERROR],
        dataSchema: obj({ id: S, installs: I, backups: I }),
        handle: async ({ path, input }) => {
          const dry = dryrun(input);
          const forgotten = await this.users.forget(path['id'], dry);
          return { data: { id: path['id'], ...forgotten }, errcode: dry ? 'complete_dryrun' : undefined };
        },
      },
      ...(['POST', 'GET'] as const).map(
        (method): InstallerRoute => ({
          method,
          path: '/users/{id}/login',
          operationId: method === 'POST' ? 'loginUser' : 'loginUserGet',
          tag: 'users',
          summary: 'Login URL for a user',
          description: 'A single-use, expiring URL that signs the user in (formerly guixfer). The seed’s walkthrough calls it with GET, the reference with POST: both work.',
          params: [ID('user'), { name: 'language', in: 'input', type: 'string', description: 'Interface language' }],
          errors: [[404, 'user_not_found'], KEY_ERROR],
          dataSchema: S,
          handle: async ({ path, publicBase }) => {
            const account = await this.accounts.get(path['id']);
            const { token } = await this.logins.issue('user', account.username);
            return { data: `${publicBase}/installer/sso/${token}` };
          },
        }),
      ),
      {
        method: 'GET',
        path: '/tasks',
        operationId: 'listTasks',
        tag: 'tasks',
        summary: 'List background tasks',
        description: 'Every background job, newest first, with status, progress and result.',
        params: [USER_FILTER, OFFSET, LIMIT],
        list: true,
        errors: [[400, 'invalid_argument_offset'], KEY_ERROR],
        dataSchema: arr(TASK_SCHEMA),
        handle: async ({ input }) => {
          const w = window(input);
          const { items, total } = await this.tasks.list({ username: str(input, 'user') || undefined, ...w });
          return { data: items.map(taskView), list: { total, offset: w.offset, count: items.length } };
        },
      },
      {
        method: 'GET',
        path: '/tasks/{id}',
        operationId: 'getTask',
        tag: 'tasks',
        summary: 'View a background task',
        description: 'One job: status (queued, running, completed, failed), progress 0-100, result or errcode.',
        params: [ID('task')],
        errors: [[404, 'task_not_found'], KEY_ERROR],
        dataSchema: TASK_SCHEMA,
        handle: async ({ path }) => ({ data: taskView(await this.tasks.get(path['id'] ?? '')) }),
      },
    ];
  }

  private install(i: InstallEntity) {
    return installView(i, this.installs.adminUrl(i), this.installs.directory(i));
  }

  private outcome<T>(o: ActionOutcome<T>, view: (v: T) => unknown): RouteAnswer {
    switch (o.kind) {
      case 'done':
        return { data: view(o.value) };
      case 'dryrun':
        return { data: view(o.value), errcode: 'complete_dryrun' };
      case 'queued':
        return { data: { id: o.installId, task: String(o.task.id), status: o.task.status } };
    }
  }
}

function envelope(r: { status: number; body: string }): { status: number; body: InstallatronBody } {
  return { status: r.status, body: JSON.parse(r.body) as InstallatronBody };
}

function userInput(input: Readonly<Record<string, unknown>>) {
  const websites = input['websites'];
  if (websites !== undefined && !Array.isArray(websites) && !(typeof websites === 'object' && websites !== null)) throw DomainError.invalid('websites', String(websites));
  // A form body sends websites[0][label]=...: qs reads that as an array or an index-keyed object.
  const list = websites === undefined ? undefined : Array.isArray(websites) ? websites : Object.values(websites as object);
  return {
    email: str(input, 'email'),
    language: str(input, 'language'),
    package: str(input, 'package'),
    suspended: input['suspended'] === undefined ? undefined : bool(input, 'suspended'),
    type: str(input, 'type'),
    websites: list?.map((w: unknown): InstallerWebsite => {
      if (typeof w !== 'object' || w === null) throw DomainError.invalid('websites', String(w));
      const o = w as Record<string, unknown>;
      const vhosts = o['vhosts'];
      return {
        label: typeof o['label'] === 'string' ? o['label'] : undefined,
        path: typeof o['path'] === 'string' ? o['path'] : undefined,
        vhosts: Array.isArray(vhosts) ? vhosts.map(String) : typeof vhosts === 'object' && vhosts !== null ? (vhosts as Record<string, string>) : undefined,
      };
    }),
  };
}
