/**
 * PHP values as the products emit them. JS arrays are PHP lists; plain objects are PHP associative
 * arrays; objects marked with asStdClass() are PHP stdClass objects (how Blesta returns DB rows),
 * which matters for serialize() and for empty values in json_encode().
 */
export type PhpValue = null | boolean | number | string | PhpValue[] | { [key: string]: PhpValue };

const STD_CLASS = Symbol('php.stdClass');

export function asStdClass<T extends { [key: string]: PhpValue }>(obj: T): T {
  Object.defineProperty(obj, STD_CLASS, { value: true, enumerable: false });
  return obj;
}

export function isStdClass(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { [STD_CLASS]?: boolean })[STD_CLASS] === true;
}

export function isPhpObjectLike(v: PhpValue): v is { [key: string]: PhpValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** PHP's shortest round-trip float text (serialize_precision = -1), as json_encode and serialize print it. */
export function phpFloat(n: number): string {
  if (Number.isNaN(n)) return 'NAN';
  if (!Number.isFinite(n)) return n > 0 ? 'INF' : '-INF';
  const s = String(n);
  const m = /^(-?\d+(?:\.\d+)?)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  // PHP writes exponents as 1.0e+25, always with a fraction.
  return `${m[1].includes('.') ? m[1] : `${m[1]}.0`}e${m[2]}${m[3]}`;
}
