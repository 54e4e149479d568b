import { DomainErrorCode } from '@hostgate/shared/errors';
import { formatScaled, multiplyScaled, parseScaled, requireScaled, SCALE } from './money';

describe('billing money (integers of 1/10000, never floats)', () => {
  it('parses decimal strings and numbers exactly', () => {
    expect(parseScaled('5.99')).toBe(59_900n);
    expect(parseScaled('3.75')).toBe(37_500n);
    expect(parseScaled('2')).toBe(2n * SCALE);
    expect(parseScaled('.5')).toBe(5_000n);
    expect(parseScaled('-1.25')).toBe(-12_500n);
    expect(parseScaled(0.1)).toBe(1_000n);
    expect(parseScaled('12345678901234.5678')).toBe(123_456_789_012_345_678n);
  });

  it('rounds half away from zero beyond four decimals', () => {
    expect(parseScaled('0.00005')).toBe(1n);
    expect(parseScaled('0.00004')).toBe(0n);
    expect(parseScaled('-0.00005')).toBe(-1n);
  });

  it('refuses what is not a decimal number', () => {
    for (const bad of ['', '.', 'ten', '1e3', '1,5', '--1', null, undefined, {}, Number.NaN]) expect(parseScaled(bad)).toBeNull();
    const e = (() => {
      try {
        requireScaled('x', 'lines[][amount]', 'bad');
      } catch (err) {
        return err as { code: string; details: { field: string; reason: string } };
      }
      return undefined;
    })();
    expect(e).toMatchObject({ code: DomainErrorCode.InvalidField, details: { field: 'lines[][amount]', reason: 'format' } });
  });

  it('formats with four decimals as Blesta prints DECIMAL(19,4)', () => {
    expect(formatScaled(100_000n)).toBe('10.0000');
    expect(formatScaled(1n)).toBe('0.0001');
    expect(formatScaled(-12_500n)).toBe('-1.2500');
    expect(formatScaled(0n)).toBe('0.0000');
  });

  it('multiplies qty by amount without float error (0.1 × 3 is 0.3000, 2 × 3.75 is 7.5000)', () => {
    expect(formatScaled(multiplyScaled(parseScaled('3') ?? 0n, parseScaled('0.1') ?? 0n))).toBe('0.3000');
    expect(formatScaled(multiplyScaled(parseScaled('2') ?? 0n, parseScaled('3.75') ?? 0n))).toBe('7.5000');
    expect(formatScaled(multiplyScaled(parseScaled('1.5') ?? 0n, parseScaled('0.3333') ?? 0n))).toBe('0.5000');
  });
});
