/**
 * The value model shared by every encoder: the shapes a PHP backend can hand
 * to `json_encode`, `serialize` or an XML writer.
 *
 * - JS arrays are PHP lists (keys 0..n-1).
 * - Plain objects are PHP associative arrays, unless branded with
 *   {@link asStdClass}, in which case they are `stdClass` objects (the shape
 *   Blesta's database layer returns rows in).
 * - Integer numbers are PHP ints; every other number is a PHP float.
 */
export type PhpValue = null | boolean | number | string | PhpValue[] | PhpRecord;

/** An associative array or (when branded) a `stdClass` object. */
export type PhpRecord = { [key: string]: PhpValue };

// Symbol.for (not Symbol()) so that two copies of this module — e.g. Jest's
// per-suite registry or two bundles — still recognise each other's brand.
const STD_CLASS = Symbol.for('hostgate.formats.stdClass');

/**
 * Marks `record` (in place) as a PHP `stdClass` object and returns it.
 *
 * The brand is a non-enumerable symbol, so `Object.keys`, `JSON.stringify`
 * and object spread do not see or copy it: `{ ...row }` is a plain
 * associative array again.
 */
export function asStdClass<T extends PhpRecord>(record: T): T {
  if (!Object.isExtensible(record)) {
    throw new TypeError('asStdClass: cannot brand a frozen or sealed object');
  }
  Object.defineProperty(record, STD_CLASS, { value: true, enumerable: false });
  return record;
}

/** True when `value` was branded with {@link asStdClass}. */
export function isStdClass(value: unknown): value is PhpRecord {
  return typeof value === 'object' && value !== null && hasStdClassBrand(value);
}

/** Non-narrowing variant for code that already holds a PhpRecord. */
export function hasStdClassBrand(value: object): boolean {
  return Object.prototype.hasOwnProperty.call(value, STD_CLASS);
}
