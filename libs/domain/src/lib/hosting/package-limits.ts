import { type HostingPackageEntity } from '@hostgate/shared/persistence';

/** What an account currently uses, counted from its rows every time (no counters that can drift). */
export interface AccountUsage {
  readonly webDomains: number;
  readonly webAliases: number;
  readonly dnsDomains: number;
  readonly dnsRecords: number;
  readonly mailDomains: number;
  readonly mailAccounts: number;
  readonly databases: number;
  readonly cronJobs: number;
  /** Not limits, but counted alongside for the panel's SUSPENDED_* and U_MAIL_DKIM counters. */
  readonly suspendedWeb: number;
  readonly suspendedDns: number;
  readonly suspendedMail: number;
  readonly suspendedDb: number;
  readonly mailDkim: number;
  /** Web domains with SSL on (U_WEB_SSL). */
  readonly webSsl: number;
}

export const NO_USAGE: AccountUsage = {
  webDomains: 0,
  webAliases: 0,
  dnsDomains: 0,
  dnsRecords: 0,
  mailDomains: 0,
  mailAccounts: 0,
  databases: 0,
  cronJobs: 0,
  suspendedWeb: 0,
  suspendedDns: 0,
  suspendedMail: 0,
  suspendedDb: 0,
  mailDkim: 0,
  webSsl: 0,
};

type LimitKey = keyof AccountUsage & keyof HostingPackageEntity;

/**
 * Each package limit, the usage it bounds and the singular name Hestia's v-change-user-package prints
 * ("Package doesn't cover WEB_DOMAIN usage"). MAIL_DOMAINS is left out on purpose: Hestia's check for
 * it has a typo and never fires, and clients that downgrade packages rely on that.
 */
const COVERAGE: ReadonlyArray<readonly [LimitKey, string]> = [
  ['webDomains', 'WEB_DOMAIN'],
  ['webAliases', 'WEB_ALIAS'],
  ['dnsDomains', 'DNS_DOMAIN'],
  ['dnsRecords', 'DNS_RECORD'],
  ['mailAccounts', 'MAIL_ACCOUNT'],
  ['databases', 'DATABASE'],
  ['cronJobs', 'CRON_JOB'],
];

/** A limit is a decimal count or "unlimited"; anything unparsable counts as unlimited, as bash's test would not fail closed either. */
export function limitValue(limit: string): number {
  return /^\d+$/.test(limit) ? Number(limit) : Number.POSITIVE_INFINITY;
}

/** The first usage the package cannot hold, as Hestia names it, or undefined when it fits. */
export function uncoveredUsage(pkg: HostingPackageEntity, usage: AccountUsage): string | undefined {
  for (const [key, name] of COVERAGE) {
    if (usage[key] > limitValue(pkg[key])) return name;
  }
  return undefined;
}
