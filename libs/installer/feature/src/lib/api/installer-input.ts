import { type InstallerParams } from '@hostgate/domain';
import { DomainError } from '@hostgate/shared/errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

type Input = Readonly<Record<string, unknown>>;

/** A scalar parameter as text (JSON numbers and booleans read like their form-encoded spelling). */
export function str(input: Input, name: string): string | undefined {
  const v = input[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

export function bool(input: Input, name: string, fallback = false): boolean {
  const v = str(input, name);
  if (v === undefined) return fallback;
  const t = v.toLowerCase();
  if (TRUE.includes(t)) return true;
  if (FALSE.includes(t)) return false;
  throw DomainError.invalid(name, v);
}

/** dryrun: Installatron's `none`/`all`/`input` (both of the latter change nothing), or a boolean. */
export function dryrun(input: Input): boolean {
  const v = str(input, 'dryrun')?.toLowerCase();
  if (v === undefined || v === 'none') return false;
  if (v === 'all' || v === 'input') return true;
  return bool(input, 'dryrun');
}

export function window(input: Input): { offset: number; limit: number } {
  const o = str(input, 'offset');
  const l = str(input, 'limit');
  const offset = o === undefined || o === '' ? 0 : Number(o);
  const limit = l === undefined || l === '' ? DEFAULT_LIMIT : Number(l);
  if (!Number.isInteger(offset) || offset < 0) throw DomainError.invalid('offset', String(o));
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw DomainError.invalid('limit', String(l));
  // An offset past any list (as PHP reads an integer too large for it, at its largest) is an empty
  // page, not a number the database cannot take.
  return { offset: Math.min(offset, Number.MAX_SAFE_INTEGER), limit };
}

/** Every scalar parameter, as the domain's install and edit calls take them. */
export function scalars(input: Input): InstallerParams {
  const out: Record<string, string> = {};
  for (const k of Object.keys(input)) {
    const v = str(input, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
