import { parseScaled } from './money';
import { invoiceTotals, lineTaxes, type TaxRate } from './tax-math';

const s = (v: string): bigint => {
  const n = parseScaled(v);
  if (n === null) throw new Error(v);
  return n;
};
const vat: TaxRate = { id: 1, level: 1, rate: s('20'), type: 'exclusive' };
const local: TaxRate = { id: 2, level: 2, rate: s('10'), type: 'exclusive' };
const included: TaxRate = { id: 3, level: 1, rate: s('25'), type: 'inclusive' };

describe('tax arithmetic', () => {
  it('exclusive level 1 and 2 add to the line; cascade computes level 2 on line + level 1', () => {
    expect(lineTaxes(s('100'), [local, vat], false)).toEqual([
      { taxId: 1, cascaded: false, amount: s('20') },
      { taxId: 2, cascaded: false, amount: s('10') },
    ]);
    expect(lineTaxes(s('100'), [vat, local], true)).toEqual([
      { taxId: 1, cascaded: false, amount: s('20') },
      { taxId: 2, cascaded: true, amount: s('12') },
    ]);
  });

  it('inclusive tax is the share of the price it accounts for: 125 at 25% holds 25', () => {
    expect(lineTaxes(s('125'), [included], true)).toEqual([{ taxId: 3, cascaded: false, amount: s('25') }]);
  });

  it('rounds each tax half away from zero at 4 decimals, credits included', () => {
    expect(lineTaxes(s('0.0005'), [{ ...vat, rate: s('50') }], false)[0].amount).toBe(s('0.0003'));
    expect(lineTaxes(s('-0.0005'), [{ ...vat, rate: s('50') }], false)[0].amount).toBe(s('-0.0003'));
    expect(lineTaxes(s('10'), [{ ...included, rate: s('7') }], false)[0].amount).toBe(s('0.6542'));
  });

  it('totals: exclusive taxes are added, inclusive ones are only reported', () => {
    expect(invoiceTotals([s('100'), s('125')], [{ amount: s('20'), type: 'exclusive' }, { amount: s('25'), type: 'inclusive' }])).toEqual({
      subtotal: s('225'),
      taxIncluded: s('25'),
      taxAdded: s('20'),
      total: s('245'),
    });
  });
});
