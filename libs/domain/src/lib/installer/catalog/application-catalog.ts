import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { DomainError } from '@hostgate/shared/errors';
import builtIn from './applications.json';

export type Branch = 'current' | 'previous' | 'legacy';

export interface AppVersion {
  readonly version: string;
  readonly branch: Branch;
  /** Minimum versions of the server software, e.g. {php: "7.2.24", mysql: "5.5.5"}. */
  readonly requirements: Readonly<Record<string, string>>;
}

export interface AppField {
  readonly id: string;
  readonly type: 'text' | 'password' | 'email' | 'select';
  readonly label: string;
  readonly required: boolean;
  readonly default?: string;
  readonly pattern?: string;
  readonly minlength?: number;
  readonly maxlength?: number;
  readonly options?: readonly string[];
}

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly authordescription: string;
  readonly homepage: string;
  readonly languages: readonly string[];
  /** Whether an install gets a database (counted against the account's DATABASES limit). */
  readonly database: boolean;
  /** Whether POST /installs/{id}/login can sign in to the application's admin area. */
  readonly sso: boolean;
  /** Installs only at a domain's root (no path). */
  readonly root_only: boolean;
  /** Relative to the install's URL. */
  readonly admin_path: string;
  /** Relative to the install's directory: where the provisioner writes the database settings. */
  readonly config_file: string;
  /** Newest first. */
  readonly versions: readonly AppVersion[];
  readonly fields: readonly AppField[];
}

const BRANCHES: readonly string[] = ['current', 'previous', 'legacy'];
const FIELD_TYPES: readonly string[] = ['text', 'password', 'email', 'select'];

/** Compares dotted version numbers numerically (6.10 > 6.9); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Checks one catalog entry read from JSON; the message names the first problem. */
export function parseApplication(raw: unknown, source: string): Application {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('an application must be an object');
  const r = raw as Record<string, unknown>;
  const str = (k: string, fallback?: string): string => {
    const v = r[k] ?? fallback;
    if (typeof v !== 'string') return fail(`${k} must be a string`);
    return v;
  };
  const id = str('id');
  if (!/^[a-z0-9][a-z0-9_-]{0,47}$/.test(id)) fail(`id "${id}" must be lower-case letters, digits, _ or -`);
  const configFile = str('config_file', 'config.php');
  if (configFile.split('/').some((p) => p === '' || p === '.' || p === '..')) fail('config_file must be a relative path without . or .. parts');
  const versions = Array.isArray(r['versions']) ? r['versions'] : fail('versions must be an array');
  if (versions.length === 0) fail('versions must not be empty');
  const parsedVersions: AppVersion[] = versions.map((v: unknown) => {
    if (typeof v !== 'object' || v === null) return fail('a version must be an object');
    const o = v as Record<string, unknown>;
    if (typeof o['version'] !== 'string' || !/^\d+(\.\d+)*$/.test(o['version'])) return fail('version must be dotted digits');
    const branch = o['branch'] ?? 'current';
    if (typeof branch !== 'string' || !BRANCHES.includes(branch)) return fail(`branch must be one of ${BRANCHES.join(', ')}`);
    const req = o['requirements'] ?? {};
    if (typeof req !== 'object' || req === null || Object.values(req).some((x) => typeof x !== 'string')) return fail('requirements must map names to version strings');
    return { version: o['version'], branch: branch as Branch, requirements: req as Record<string, string> };
  });
  const fields = Array.isArray(r['fields']) ? r['fields'] : [];
  const parsedFields: AppField[] = fields.map((f: unknown) => {
    if (typeof f !== 'object' || f === null) return fail('a field must be an object');
    const o = f as Record<string, unknown>;
    if (typeof o['id'] !== 'string' || !/^[a-z0-9_]+$/.test(o['id'])) return fail('field id must be lower-case letters, digits or _');
    const type = o['type'] ?? 'text';
    if (typeof type !== 'string' || !FIELD_TYPES.includes(type)) return fail(`field type must be one of ${FIELD_TYPES.join(', ')}`);
    if (typeof o['pattern'] === 'string') new RegExp(o['pattern']);
    return { ...(o as object), id: o['id'], type, label: typeof o['label'] === 'string' ? o['label'] : o['id'], required: o['required'] !== false } as AppField;
  });
  const languages = Array.isArray(r['languages']) && r['languages'].every((l) => typeof l === 'string') ? (r['languages'] as string[]) : ['en'];
  return {
    id,
    name: str('name', id),
    type: str('type', 'other'),
    authordescription: str('authordescription', ''),
    homepage: str('homepage', ''),
    languages,
    database: r['database'] !== false,
    sso: r['sso'] === true,
    root_only: r['root_only'] === true,
    admin_path: str('admin_path', ''),
    config_file: configFile,
    versions: [...parsedVersions].sort((a, b) => compareVersions(b.version, a.version)),
    fields: parsedFields,
  };
}

function entriesOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { applications?: unknown }).applications)) return (doc as { applications: unknown[] }).applications;
  return [doc];
}

/**
 * The applications the installer offers: the built-in list shipped with the lib, then every
 * DATA_DIR/installer/catalog/*.json in name order. An operator entry with a built-in id replaces it.
 */
@Injectable()
export class ApplicationCatalog {
  private readonly logger = new Logger('ApplicationCatalog');
  private readonly apps = new Map<string, Application>();
  /** What the web servers run (php, mysql, ...), against which versions' requirements are checked. */
  private readonly server = new Map<string, string>();

  constructor(@Inject(HOSTGATE_CONFIG) config: HostgateConfig) {
    for (const raw of entriesOf(builtIn)) this.add(parseApplication(raw, 'built-in catalog'));
    this.setServer(builtIn, 'built-in catalog');
    const dir = join(config.dataDir, 'installer', 'catalog');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return; // no operator catalog
    }
    for (const file of files) {
      // A broken operator file must not stop the gateway; it is reported and left out.
      try {
        const doc: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const server = typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'server' in doc;
        const apps = server && !('applications' in doc) ? [] : entriesOf(doc);
        const parsed = apps.map((raw) => parseApplication(raw, file));
        this.setServer(doc, file);
        for (const app of parsed) this.add(app);
      } catch (e) {
        this.logger.error(`installer catalog ${file} ignored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private setServer(doc: unknown, source: string): void {
    const server = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { server?: unknown }).server : undefined;
    if (server === undefined) return;
    if (typeof server !== 'object' || server === null || Object.values(server).some((v) => typeof v !== 'string')) throw new Error(`${source}: server must map names to version strings`);
    for (const [k, v] of Object.entries(server as Record<string, string>)) this.server.set(k, v);
  }

  /** The requirements of `version` the server does not meet, e.g. ["php 8.1.0"]. */
  unmetRequirements(app: Application, version: string): string[] {
    const v = app.versions.find((x) => x.version === version);
    if (!v) return [];
    return Object.entries(v.requirements)
      .filter(([name, min]) => {
        const have = this.server.get(name);
        return have !== undefined && compareVersions(have, min) < 0;
      })
      .map(([name, min]) => `${name} ${min}`);
  }

  private add(app: Application): void {
    this.apps.set(app.id, app);
  }

  all(): Application[] {
    return [...this.apps.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  find(id: string): Application | undefined {
    return this.apps.get(id.toLowerCase());
  }

  get(id: string): Application {
    const app = this.find(id);
    if (!app) throw DomainError.notFound('application', id);
    return app;
  }
}
