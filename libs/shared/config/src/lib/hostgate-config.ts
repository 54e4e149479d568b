import { isAbsolute, resolve } from 'node:path';

export const DIALECTS = ['billing', 'panel', 'project', 'installer'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** Every setting has a working default, so a fresh machine starts with no configuration at all. */
export interface HostgateConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL when set; otherwise the embedded SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  /** SQLite's `synchronous` (WAL mode): full survives a power cut; normal loses at most the last commits then, never consistency. */
  readonly sqliteSynchronous: SqliteSynchronous;
  readonly redisUrl: string | undefined;
  /** Forward mode: a dialect whose prefix is proxied to its own process. */
  readonly upstreams: Readonly<Partial<Record<Dialect, URL>>>;
  readonly upstreamTimeoutMs: number;
  readonly panelListenPort: number | undefined;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  /** Longest a client may take to send a whole request (headers and body); then 408 and the connection closes. */
  readonly requestTimeoutMs: number;
  /** Largest file the project dialect stores (multipart or base64 upload). */
  readonly projectFileMaxBytes: number;
  /** Which peers may set X-Forwarded-For (proxy-addr syntax): the gateway in front of a dialect app. */
  readonly trustProxy: string;
  /** Failed-login IP bans, per dialect that has them (Hestia through fail2ban, wbTeamPro through WHMCS). */
  readonly loginBans: Readonly<Record<'panel' | 'project', LoginBanPolicy>>;
  readonly bootstrap: BootstrapCredentials;
  readonly installer: InstallerSettings;
}

/** The installer dialect's background jobs and login links. */
export interface InstallerSettings {
  /** Jobs run at once per process (in-process runner) or per worker (BullMQ). */
  readonly taskConcurrency: number;
  /** BullMQ key prefix, so several deployments (or tests) can share one Redis. */
  readonly queuePrefix: string;
  /** How long a single-use login link stays valid. */
  readonly loginTtlSeconds: number;
}

export interface LoginBanPolicy {
  /** Failures from one IP that trigger a ban. */
  readonly maxFailures: number;
  /** Failures older than this no longer count. */
  readonly findTimeSeconds: number;
  readonly banSeconds: number;
  /** A successful login forgets earlier failures (WHMCS counts consecutive failures; fail2ban does not). */
  readonly resetOnSuccess: boolean;
}

export interface BootstrapCredentials {
  readonly adminToken?: string;
  readonly billingApiUser?: string;
  readonly billingApiKey?: string;
  readonly panelAdminUser?: string;
  readonly panelAdminPassword?: string;
  readonly projectAdminUser?: string;
  readonly projectAdminPassword?: string;
  readonly installerApiKey?: string;
}

export const SQLITE_SYNCHRONOUS = ['full', 'normal'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the whole configuration at once, reporting every problem rather than the first. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): HostgateConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const port = (name: string, fallback?: number): number | undefined => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 0 || n > 65535) {
      problems.push(`${name} must be a TCP port (0-65535), got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const positive = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
      problems.push(`${name} must be a positive integer, got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  };
  const url = (name: string, protocols: string[]): URL | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')}, got "${u.protocol}"`);
        return undefined;
      }
      return u;
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const upstreams: Partial<Record<Dialect, URL>> = {};
  for (const d of DIALECTS) {
    const u = url(`UPSTREAM_${d.toUpperCase()}_URL`, ['http:', 'https:']);
    if (u) upstreams[d] = u;
  }
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  const logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const dataDirRaw = text('DATA_DIR') ?? 'data';
  const sqliteSynchronous = (text('SQLITE_SYNCHRONOUS') ?? 'full').toLowerCase() as SqliteSynchronous;
  if (!SQLITE_SYNCHRONOUS.includes(sqliteSynchronous)) problems.push(`SQLITE_SYNCHRONOUS must be one of ${SQLITE_SYNCHRONOUS.join(', ')}`);
  const tlsCertFile = text('TLS_CERT_FILE');
  const tlsKeyFile = text('TLS_KEY_FILE');
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }

  const config: HostgateConfig = {
    port: port('PORT', 3000) ?? 3000,
    host: text('HOST') ?? '0.0.0.0',
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    databaseUrl: databaseUrl?.toString(),
    sqliteSynchronous,
    redisUrl: redisUrl?.toString(),
    upstreams,
    upstreamTimeoutMs: positive('UPSTREAM_TIMEOUT_MS', 30_000),
    panelListenPort: port('PANEL_LISTEN_PORT'),
    tlsCertFile,
    tlsKeyFile,
    logLevel,
    bodyLimitBytes: positive('BODY_LIMIT_BYTES', 8 * 1024 * 1024),
    requestTimeoutMs: positive('REQUEST_TIMEOUT_MS', 120_000),
    projectFileMaxBytes: positive('PROJECT_FILE_MAX_BYTES', 4 * 1024 * 1024),
    trustProxy: text('TRUST_PROXY') ?? 'loopback,linklocal,uniquelocal',
    loginBans: {
      // fail2ban's defaults, which Hestia's jail does not override: 5 failures within 10 minutes, 10 minutes' ban.
      panel: {
        maxFailures: positive('PANEL_BAN_MAX_FAILURES', 5),
        findTimeSeconds: positive('PANEL_BAN_FINDTIME_SECONDS', 600),
        banSeconds: positive('PANEL_BAN_SECONDS', 600),
        resetOnSuccess: false,
      },
      // WHMCS bans after three consecutive failed administrator logins.
      project: {
        maxFailures: positive('PROJECT_BAN_MAX_FAILURES', 3),
        findTimeSeconds: positive('PROJECT_BAN_FINDTIME_SECONDS', 3600),
        banSeconds: positive('PROJECT_BAN_SECONDS', 900),
        resetOnSuccess: true,
      },
    },
    bootstrap: {
      adminToken: text('HOSTGATE_ADMIN_TOKEN'),
      billingApiUser: text('BILLING_API_USER'),
      billingApiKey: text('BILLING_API_KEY'),
      panelAdminUser: text('PANEL_ADMIN_USER'),
      panelAdminPassword: text('PANEL_ADMIN_PASSWORD'),
      projectAdminUser: text('PROJECT_ADMIN_USER'),
      projectAdminPassword: text('PROJECT_ADMIN_PASSWORD'),
      installerApiKey: text('INSTALLER_API_KEY'),
    },
    installer: {
      taskConcurrency: positive('INSTALLER_TASK_CONCURRENCY', 2),
      queuePrefix: text('INSTALLER_QUEUE_PREFIX') ?? 'hostgate',
      loginTtlSeconds: positive('INSTALLER_LOGIN_TTL_SECONDS', 300),
    },
  };
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
