import { DomainError } from '@hostgate/shared/errors';

/**
 * Hestia's argument validators (func/main.sh is_*_format_valid). Each rejects with E_INVALID and
 * "invalid <field> format :: <value>", which clients show to their users verbatim.
 */

const fail = (field: string, value: string, message?: string): never => {
  throw DomainError.invalid(field, value, message);
};

/** Any existing user name: one alnum, or alnum [-|._ alnum]{0,28} alnum, ASCII only. */
export function checkUser(value: string): void {
  if (!/^[A-Za-z0-9]$/.test(value) && !/^[A-Za-z0-9][-|._A-Za-z0-9]{0,28}[A-Za-z0-9]$/.test(value)) fail('user', value);
}

/** Names v-add-user refuses because MariaDB or sudo own them (compared case-insensitively). */
export const RESERVED_USER_NAMES = ['aria', 'aria_log', 'mysql', 'mysql_upgrade', 'ib', 'ib_buffer', 'ddl', 'ddl_recovery', 'performance', 'sudo'] as const;

/** A new user: 2-30 chars, starting with a letter, no dot; `|` slips through Hestia's bracket expression. */
export function checkNewUser(value: string): void {
  checkUser(value);
  if (!/^[A-Za-z][-|_A-Za-z0-9]{0,28}[A-Za-z0-9]$/.test(value)) fail('user', value);
  if ((RESERVED_USER_NAMES as readonly string[]).includes(value.toLowerCase())) {
    fail('user', value, `The user name '${value}' is reserved and cannot be used. List of reserved names: ${RESERVED_USER_NAMES.join(', ')}`);
  }
}

export function checkEmail(value: string): void {
  if (value.length > 255) fail('email', value);
  if (!/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+)$/.test(value)) fail('email', value);
}

/** Packages, templates and charsets. Hestia skips the check for an empty value (the lookup then fails). */
export function checkPackage(value: string, field = 'package', max = 64): void {
  // Hestia's pattern allows 66 characters; the shared store keeps names to 64 (charsets to 32).
  if (value !== '' && (value.length > max || !/^[A-Za-z0-9][-|._A-Za-z0-9]{0,64}[A-Za-z0-9]$/.test(value))) fail(field, value);
}

/** Free-text names end up inside quoted config lines, so quotes, angle brackets and newlines are refused. */
export function checkName(value: string): void {
  if (/['"<>\n\r]/.test(value)) fail('name', value, `Invalid name contains qoutes (" or ') :: ${value}`);
  // Hestia has no length limit (a shell variable); the shared store keeps 255 characters.
  if (value.length > 255 || value.includes('\0')) fail('name', value);
}

export function checkShell(value: string): void {
  if (!/^[A-Za-z0-9/_.-]{1,32}$/.test(value)) fail('shell', value);
}

export function checkHost(value: string): void {
  if (!/^[A-Za-z0-9.-]{1,255}$/.test(value)) fail('host', value);
}

/** Passwords are stored hashed, never interpreted; only a NUL byte could not survive the real chpasswd. */
export function checkPassword(value: string): void {
  if (value.includes('\0')) fail('password', '', 'Password not accepted due to PAM restrictions');
}

/** A failure Hestia reports with an exit code no domain error maps to (e.g. an IP given as a domain exits 1). */
export class PanelExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'PanelExit';
  }
}

/** Control characters cannot reach a real Hestia script (bash arguments stop at NUL, newlines split config lines). */
export function hasControlCharacter(value: string): boolean {
  return [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The web/DNS/mail scripts' normalisation (lower case, no leading www., no edge dots), then is_domain_format_valid. */
export function checkDomain(raw: string, field = 'domain'): string {
  if (IPV4.test(raw) || (raw.includes(':') && /^[0-9a-fA-F:.]+$/.test(raw))) throw new PanelExit(1, 'Invalid domain format. IP address detected as input.');
  const value = raw
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/^\.+|\.+$/g, '');
  if (!domainFormatValid(value)) fail(field, raw);
  return value;
}

/**
 * An alias (is_alias_format_valid): a host name kept as given, www. included, or a `*.` wildcard.
 * Lower-cased, as the add scripts store it.
 */
export function checkAlias(raw: string, field = 'alias'): string {
  const value = raw.toLowerCase();
  const host = value.startsWith('*.') ? value.slice(2) : value;
  if (!domainFormatValid(host)) fail(field, raw);
  return value;
}

function domainFormatValid(value: string): boolean {
  return !(
    value === '' ||
    value.length > 253 ||
    /[[\]!@#$^&*()+={},<>?_/\\"|'`;%\s]/.test(value) ||
    hasControlCharacter(value) ||
    /^\d+$/.test(value) ||
    value.includes('..') ||
    /^[-.]|[-.]$/.test(value) ||
    value.includes('.-') ||
    value.includes('-.') ||
    value === 'www'
  );
}

export function checkIp(value: string): void {
  if (!IPV4.test(value)) fail('ip', value);
}

const DB_BAD = /[!@#$^&*()+={}:,<>?/\\"';%`\s]/;

/** The prefixed name must stay under MySQL's 64-character limit. */
export function checkDatabase(user: string, value: string): void {
  if (value === '' || DB_BAD.test(value) || hasControlCharacter(value) || `${user}_${value}`.length >= 64) fail('database', value);
}

export function checkDbUser(user: string, value: string): void {
  if (value === '' || DB_BAD.test(value) || hasControlCharacter(value)) fail('dbuser', value);
  if (`${user}_${value}`.length > 32) fail('dbuser', value, 'mysql username can be up to 32 characters long');
}

/** A full prefixed database name, as v-delete-database takes it. */
export function checkFullDatabase(value: string): void {
  if (value === '' || DB_BAD.test(value) || hasControlCharacter(value) || value.length >= 64) fail('database', value);
}

export function checkMailAccount(value: string): void {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) fail('account', value);
}

export function checkQuota(value: string): void {
  if (value !== 'unlimited' && !/^\d{1,9}$/.test(value)) fail('quota', value);
}

export function checkBoolean(field: string, value: string): void {
  if (value !== 'yes' && value !== 'no') fail(field, value);
}

export const DNS_RECORD_TYPES: readonly string[] = ['A', 'AAAA', 'NS', 'CNAME', 'MX', 'TXT', 'SRV', 'DNSKEY', 'KEY', 'IPSECKEY', 'PTR', 'SPF', 'TLSA', 'CAA', 'DS'];

export function checkRecordType(value: string): void {
  if (!DNS_RECORD_TYPES.includes(value)) fail('type', value);
}

/** A record name: `@`, or host labels (wildcards and underscores allowed, as in _dmarc or *.). */
export function checkRecordName(value: string): void {
  if (value.length > 255) fail('record', value);
  if (value !== '@' && !/^(\*|[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/.test(value)) fail('record', value);
}

/** Record values go into zone files: no newlines or NULs, and a sane length. */
export function checkRecordValue(value: string): void {
  if (value === '' || /[\r\n\0]/.test(value) || value.length > 2048) fail('dvalue', value);
}

export function checkInteger(field: string, value: string, maxDigits = 9): void {
  if (value.length > maxDigits || !/^\d+$/.test(value)) fail(field, value);
}
