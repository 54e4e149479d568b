/** UTC "YYYY-MM-DD hh:mm:ss", the only timestamp form the API returns. */
export function blestaTimestamp(d: Date | string | null): string | null {
  if (d === null) return null;
  const date = d instanceof Date ? d : new Date(d);
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** PHP's (int) cast of a request value: leading digits, else 0. */
export function intArg(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v !== 'string') return 0;
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? Number(m[1]) : 0;
}
