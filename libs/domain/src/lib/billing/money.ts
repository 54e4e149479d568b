import { billingInvalid } from './billing-error';

/** Amounts and quantities are bigints of 1/10000, as Blesta's DECIMAL(19,4) columns hold them. */
export const SCALE = 10_000n;

const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/;

/** "5.99" → 59900n. Rounds half away from zero beyond 4 decimals; null when not a decimal number. */
export function parseScaled(value: unknown): bigint | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = (m[3] ?? '').padEnd(5, '0');
  let scaled = BigInt(m[2] || '0') * SCALE + BigInt(frac.slice(0, 4));
  if (Number(frac[4]) >= 5) scaled += 1n;
  return m[1] === '-' ? -scaled : scaled;
}

export function requireScaled(value: unknown, field: string, message: string): bigint {
  const v = parseScaled(value);
  if (v === null) throw billingInvalid(field, 'format', message);
  return v;
}

/** 59900n → "5.9900", the way Blesta prints every stored amount. */
export function formatScaled(v: bigint): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${abs / SCALE}.${(abs % SCALE).toString().padStart(4, '0')}`;
}

/** qty × amount, both scaled, rounded half away from zero back to the 4-decimal scale. */
export function multiplyScaled(a: bigint, b: bigint): bigint {
  const p = a * b;
  const neg = p < 0n;
  const abs = neg ? -p : p;
  const q = (abs + SCALE / 2n) / SCALE;
  return neg ? -q : q;
}
