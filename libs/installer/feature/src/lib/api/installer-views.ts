import { type Application, type InstallerUserView, type TaskFailure } from '@hostgate/domain';
import { DomainError, type DomainErrorCode } from '@hostgate/shared/errors';
import { type InstallBackupEntity, type InstallEntity, type InstallerTaskEntity } from '@hostgate/shared/persistence';
import { installatronErrcode } from '../installer-error.renderer';

const unix = (d: Date | null | undefined): number | null => (d ? Math.floor(d.getTime() / 1000) : null);

/** GET /users/{id}: Installatron's user object over the hosting account (websites = web domains). */
export function userView(v: InstallerUserView) {
  const a = v.account;
  const databases = v.databases.map((d) => ({ type: d.type, host: d.host, user: d.dbUser, name: d.name }));
  return {
    id: a.username,
    parent: '',
    type: a.role === 'admin' ? 'reseller' : 'user',
    suspended: a.suspended,
    locale: a.language,
    email: a.email,
    websites: v.domains.map((d) => ({
      path: `/home/${a.username}/web/${d.domain}/public_html`,
      label: d.domain,
      server: 'local',
      parent: '',
      vhosts: Object.fromEntries([d.domain, ...d.aliases.split(',').filter(Boolean)].map((host) => [`http://${host}`, ''])),
      databases,
    })),
  };
}

/** An install in Installatron's (v1, hyphenated) record keys. */
export function installView(i: InstallEntity, adminUrl: string, directory: string) {
  return {
    id: i.id,
    installer: i.application,
    version: i.version,
    language: i.language,
    time: unix(i.createdAt),
    owner: i.account?.username ?? null,
    user: i.account?.username ?? null,
    status: i.status,
    path: directory,
    url: i.url,
    'url-domain': i.domain,
    'db-type': i.dbType || null,
    'db-host': i.dbHost || null,
    'db-name': i.dbName || null,
    'db-user': i.dbUser || null,
    'db-prefix': i.dbPrefix || null,
    title: i.title,
    'cf-login': i.login,
    'cf-email': i.email,
    'cf-sitetitle': i.title,
    autoup: i.autoup,
    'link-admin': adminUrl,
  };
}

export function backupView(b: InstallBackupEntity) {
  return { id: b.id, install: b.installId, user: b.account?.username ?? null, installer: b.application, version: b.version, url: b.url, title: b.title, size: b.size, time: unix(b.createdAt) };
}

/** A failed task's errcode as the API would have answered it at the time. */
export function failureErrcode(f: TaskFailure): { errcode: string; errfield: string | null } {
  if (f.kind !== 'domain') return { errcode: f.code, errfield: null };
  const e = new DomainError(f.code as DomainErrorCode, f.message, { field: f.field, entity: f.entity, reason: f.reason });
  return { errcode: installatronErrcode(e).errcode, errfield: f.field ?? null };
}

export function taskView(t: InstallerTaskEntity) {
  const failure = t.error ? (JSON.parse(t.error) as TaskFailure) : undefined;
  const err = failure ? failureErrcode(failure) : { errcode: null, errfield: null };
  return {
    id: String(t.id),
    cmd: t.cmd,
    user: t.username,
    install: t.installId,
    status: t.status,
    progress: t.progress,
    attempts: t.attempts,
    result: t.result ? (JSON.parse(t.result) as unknown) : null,
    errcode: err.errcode,
    errfield: err.errfield,
    message: t.message,
    time: unix(t.createdAt),
    started: unix(t.startedAt),
    finished: unix(t.finishedAt),
  };
}

/** A catalog entry as GET /browser lists it. */
export function applicationSummary(app: Application) {
  const current = app.versions.find((v) => v.branch === 'current') ?? app.versions[0];
  return { id: app.id, name: app.name, type: app.type, authordescription: app.authordescription, homepage: app.homepage, version: current.version, branch: current.branch, languages: app.languages };
}

/** GET /browser/{id}: everything a client needs to build the install form. */
export function applicationDetail(app: Application, version?: string) {
  const chosen = app.versions.find((v) => v.version === version) ?? app.versions.find((v) => v.branch === 'current') ?? app.versions[0];
  return {
    ...applicationSummary(app),
    version: chosen.version,
    branch: chosen.branch,
    requirements: chosen.requirements,
    versions: app.versions,
    fields: app.fields,
    database: app.database,
    sso: app.sso,
  };
}
