/**
 * PHP float-to-text conversions. PHP formats floats with its own `php_gcvt`
 * layout rules, which differ from JS `String(n)` (e.g. PHP prints `1.0E+25`
 * where JS prints `1e+25`), so clients that compare bodies byte for byte
 * need PHP's layout reproduced.
 */

/** Decimal digits (no leading/trailing zeros, "0" for zero) and the decimal-point position: value = 0.DIGITS × 10^decpt. */
interface DecimalDigits {
  digits: string;
  decpt: number;
}

/** Shortest digits that round-trip (PHP's mode 0, used when serialize_precision = -1). */
function shortestDigits(magnitude: number): DecimalDigits {
  return splitExponential(magnitude.toExponential());
}

/** `significant` digits, correctly rounded, trailing zeros removed (PHP's mode 2). */
function roundedDigits(magnitude: number, significant: number): DecimalDigits {
  return splitExponential(magnitude.toExponential(significant - 1));
}

function splitExponential(text: string): DecimalDigits {
  const [mantissa, exponent] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, decpt: Number(exponent) + 1 };
}

/**
 * Lays digits out the way php_gcvt does: exponential form when the point
 * falls more than 3 places left of the first digit or beyond `precision`
 * digits; exponential mantissas always carry a fraction (`1.0e+25`), and the
 * exponent has no leading zeros.
 */
function layout(negative: boolean, { digits, decpt }: DecimalDigits, precision: number, exponentChar: string): string {
  const sign = negative ? '-' : '';
  if (decpt < 0 ? decpt < -3 : decpt > precision) {
    const exponent = decpt - 1;
    const fraction = digits.slice(1) || '0';
    return `${sign}${digits[0]}.${fraction}${exponentChar}${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (decpt < 0) {
    return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  }
  const integerPart = digits.slice(0, decpt).padEnd(decpt, '0');
  const fractionPart = digits.slice(decpt);
  if (fractionPart === '') {
    return sign + integerPart;
  }
  return `${sign}${integerPart || '0'}.${fractionPart}`;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) {
    return 'NAN';
  }
  return value > 0 ? 'INF' : '-INF';
}

function isNegative(value: number): boolean {
  return value < 0 || Object.is(value, -0);
}

/**
 * A float as `json_encode` (exponent `e`) or `serialize` (exponent `E`) print
 * it under PHP ≥ 7.1's default serialize_precision = -1: shortest round-trip
 * digits. Whole floats print without a fraction (`10`, not `10.0`), because
 * JSON_PRESERVE_ZERO_FRACTION is not a default flag.
 */
export function formatPhpRoundTripFloat(value: number, exponentChar: 'e' | 'E'): string {
  if (!Number.isFinite(value)) {
    return nonFinite(value);
  }
  return layout(isNegative(value), shortestDigits(Math.abs(value)), 17, exponentChar);
}

/** A float cast to string (`(string)$f`, `echo $f`) under the default precision = 14. */
export function formatPhpFloatString(value: number): string {
  if (!Number.isFinite(value)) {
    return nonFinite(value);
  }
  return layout(isNegative(value), roundedDigits(Math.abs(value), 14), 14, 'E');
}
