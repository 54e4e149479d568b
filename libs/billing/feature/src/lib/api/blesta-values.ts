import { type Principal } from '@hostgate/shared/auth';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { formatScaled, type PageRequest } from '@hostgate/domain';

/** UTC "YYYY-MM-DD hh:mm:ss", the only timestamp form the API returns. */
export function blestaTimestamp(d: Date | string | null): string | null {
  if (d === null) return null;
  const date = d instanceof Date ? d : new Date(d);
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** An amount as Blesta prints a DECIMAL(19,4) column: "10.0000". */
export function blestaAmount(v: bigint): string {
  return formatScaled(v);
}

/** PHP's (int) cast of a request value: leading digits, else 0. */
export function intArg(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v !== 'string') return 0;
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? Number(m[1]) : 0;
}

/** A scalar argument as the string PHP would see; arrays and null are absent. */
export function strArg(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** An array argument (vars, filters, order_by); matching has already refused a string. */
export function recordArg(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** Blesta's boolean convention: "true"/"1" (and a real JSON true). */
export function boolArg(v: unknown): boolean {
  return v === true || ['true', '1', 'on', 'yes'].includes((strArg(v) ?? '').toLowerCase());
}

/** order_by[field]=ASC|DESC, in the order given; anything but DESC sorts ascending as SQL would. */
export function orderArg(v: unknown): PageRequest['orderBy'] {
  return Object.entries(recordArg(v)).map(([field, dir]) => [field, (strArg(dir) ?? '').toUpperCase() === 'DESC' ? 'DESC' : 'ASC'] as const);
}

export function pageArgs(page: unknown, orderBy: unknown): PageRequest {
  return { page: Math.max(1, intArg(page)), orderBy: orderArg(orderBy) };
}

/** The caller's company: a billing key belongs to one, and sees only its data. */
export function companyOf(principal: Principal): number {
  if (principal.companyId === null) throw new DomainError(DomainErrorCode.Forbidden, 'The API key belongs to no company.', { field: 'user' });
  return principal.companyId;
}
