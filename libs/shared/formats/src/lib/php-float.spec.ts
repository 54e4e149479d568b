import { formatPhpFloatString, formatPhpRoundTripFloat } from './php-float';

describe('formatPhpRoundTripFloat (serialize_precision = -1)', () => {
  it.each([
    [0.1, '0.1'],
    [1, '1'],
    [10, '10'],
    [0, '0'],
    [-0, '-0'],
    [0.5, '0.5'],
    [0.001, '0.001'],
    [0.0001, '0.0001'],
    [0.00001, '1.0E-5'],
    [0.000123, '0.000123'],
    [0.0000123, '1.23E-5'],
    [1e16, '10000000000000000'],
    [1e17, '1.0E+17'],
    [1.5e17, '1.5E+17'],
    [123456789012345680, '1.2345678901234568E+17'],
    [1e100, '1.0E+100'],
    [-1.5e-7, '-1.5E-7'],
    [1 / 3, '0.3333333333333333'],
  ])('%p → %s', (value, expected) => {
    expect(formatPhpRoundTripFloat(value, 'E')).toBe(expected);
  });

  it('uses the exponent character it is given', () => {
    expect(formatPhpRoundTripFloat(1e25, 'e')).toBe('1.0e+25');
  });

  it('spells non-finite values as PHP does', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((v) => formatPhpRoundTripFloat(v, 'e'))).toEqual(['NAN', 'INF', '-INF']);
  });
});

describe('formatPhpFloatString (precision = 14)', () => {
  it.each([
    [0.1, '0.1'],
    [1 / 3, '0.33333333333333'],
    [2 / 3, '0.66666666666667'],
    [0.1 + 0.2, '0.3'],
    [100, '100'],
    [1e14, '1.0E+14'],
    [99999999999999, '99999999999999'],
    [0.00001, '1.0E-5'],
    [-1234.5678, '-1234.5678'],
    [1e25, '1.0E+25'],
    [2 ** 63, '9.2233720368548E+18'],
  ])('%p → %s', (value, expected) => {
    expect(formatPhpFloatString(value)).toBe(expected);
  });
});
