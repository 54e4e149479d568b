import { SCALE } from './money';

/** A tax rule as the arithmetic needs it: its id, level, rate in percent (scaled by 10^4) and type. */
export interface TaxRate {
  readonly id: number;
  readonly level: number;
  readonly rate: bigint;
  readonly type: 'exclusive' | 'inclusive';
}

export interface LineTax {
  readonly taxId: number;
  readonly cascaded: boolean;
  readonly amount: bigint;
}

const HUNDRED_PERCENT = 100n * SCALE;

/** n / d rounded half away from zero (d > 0). */
function divRound(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const q = ((neg ? -n : n) * 2n + d) / (2n * d);
  return neg ? -q : q;
}

/**
 * The taxes on one taxable line of `lineTotal` (qty × amount, scaled), one per rule (at most one per
 * level, level 1 first):
 * - exclusive: added on top, lineTotal × rate / 100; with `cascade`, level 2 is computed on the line
 *   plus its exclusive level 1 tax (Blesta's cascade_tax setting);
 * - inclusive: already in the price, so the tax is the part of lineTotal it accounts for,
 *   lineTotal × rate / (100 + rate); it never cascades and adds nothing to the total.
 * Each amount is rounded to 4 decimals on its own, so the invoice's sums add up exactly.
 */
export function lineTaxes(lineTotal: bigint, rules: readonly TaxRate[], cascade: boolean): LineTax[] {
  const sorted = [...rules].sort((a, b) => a.level - b.level);
  const out: LineTax[] = [];
  let level1Exclusive = 0n;
  for (const rule of sorted) {
    if (rule.type === 'inclusive') {
      out.push({ taxId: rule.id, cascaded: false, amount: divRound(lineTotal * rule.rate, HUNDRED_PERCENT + rule.rate) });
      continue;
    }
    const cascaded = cascade && rule.level === 2 && level1Exclusive !== 0n;
    const base = cascaded ? lineTotal + level1Exclusive : lineTotal;
    const amount = divRound(base * rule.rate, HUNDRED_PERCENT);
    if (rule.level === 1) level1Exclusive = amount;
    out.push({ taxId: rule.id, cascaded, amount });
  }
  return out;
}

export interface InvoiceTotals {
  /** Σ qty × amount of every line, as entered (inclusive taxes are inside it). */
  readonly subtotal: bigint;
  /** Σ inclusive taxes: the tax already contained in the subtotal. */
  readonly taxIncluded: bigint;
  /** Σ exclusive taxes: the tax added on top of the subtotal. */
  readonly taxAdded: bigint;
  /** subtotal + exclusive taxes: what the client owes. */
  readonly total: bigint;
}

export function invoiceTotals(lineTotals: readonly bigint[], taxes: ReadonlyArray<{ readonly amount: bigint; readonly type: 'exclusive' | 'inclusive' }>): InvoiceTotals {
  const subtotal = lineTotals.reduce((s, l) => s + l, 0n);
  const taxIncluded = taxes.filter((t) => t.type === 'inclusive').reduce((s, t) => s + t.amount, 0n);
  const taxAdded = taxes.filter((t) => t.type === 'exclusive').reduce((s, t) => s + t.amount, 0n);
  return { subtotal, taxIncluded, taxAdded, total: subtotal + taxAdded };
}
