import { isPhpIntKey } from './php-array-keys';
import { hasStdClassBrand, type PhpValue } from './php-value';

/** One key of a PHP array; `key` keeps its decimal text so int64 keys above 2^53 stay exact. */
export interface PhpArrayEntry {
  key: string;
  isIntKey: boolean;
  value: PhpValue;
}

export interface PhpPropertyEntry {
  name: string;
  value: PhpValue;
}

/** A {@link PhpValue} resolved into the PHP type it stands for. */
export type PhpNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  /** `isList`: keys are exactly 0..n-1 in order — what PHP calls a list. */
  | { kind: 'array'; entries: PhpArrayEntry[]; isList: boolean }
  | { kind: 'object'; className: 'stdClass'; properties: PhpPropertyEntry[] };

const INT64_LIMIT = 2 ** 63;

/**
 * PHP ints are int64: an integral JS number beyond that range can only have
 * been a PHP float. -0 is treated as int 0, since JS produces it from
 * ordinary integer arithmetic (e.g. `Math.round(-0.2)`).
 */
function isPhpInt(value: number): boolean {
  return Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT;
}

/**
 * The exact decimal digits of a PHP int. `String(n)` is not enough above
 * 2^53: JS prints the shortest round-trip form (2^60 → "1152921504606847000")
 * where PHP prints every digit ("1152921504606846976").
 */
export function formatPhpInt(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor = typeof proto === 'object' && proto !== null ? (proto as { constructor?: { name?: string } }).constructor : undefined;
    return ctor?.name ? `an instance of ${ctor.name}` : 'an exotic object';
  }
  return typeof value;
}

/**
 * Resolves a value into its PHP type. Anything outside the value model
 * (undefined, Date, Map, class instances…) is rejected instead of being
 * guessed at, so a stray entity or Date shows up as an error, not as `[]`.
 */
export function inspectPhpValue(value: PhpValue): PhpNode {
  if (value === null) {
    return { kind: 'null' };
  }
  if (typeof value === 'boolean') {
    return { kind: 'bool', value };
  }
  if (typeof value === 'number') {
    return isPhpInt(value) ? { kind: 'int', value: value === 0 ? 0 : value } : { kind: 'float', value };
  }
  if (typeof value === 'string') {
    return { kind: 'string', value };
  }
  if (typeof value !== 'object') {
    // Unreachable for well-typed callers; guards values smuggled in through casts.
    throw new TypeError(`Not a PHP value: ${describeValue(value)}`);
  }
  if (Array.isArray(value)) {
    const entries: PhpArrayEntry[] = [];
    // An index loop (not map) so holes surface as undefined and are rejected.
    for (let i = 0; i < value.length; i++) {
      entries.push({ key: String(i), isIntKey: true, value: checked(value[i]) });
    }
    return { kind: 'array', entries, isList: true };
  }
  if (!isPlainObject(value)) {
    throw new TypeError(`Not a PHP value: ${describeValue(value)}`);
  }
  if (hasStdClassBrand(value)) {
    // Object property names stay strings in PHP, even "0" or "12".
    const properties = Object.keys(value).map((name) => ({ name, value: checked(value[name]) }));
    return { kind: 'object', className: 'stdClass', properties };
  }
  // JS enumerates array-index keys ("0", "1", …) first and in ascending
  // order, whatever the insertion order; PHP keeps insertion order. Callers
  // that need PHP's order for such keys must not rely on it.
  const entries = Object.keys(value).map((key) => ({ key, isIntKey: isPhpIntKey(key), value: checked(value[key]) }));
  const isList = entries.every((entry, index) => entry.isIntKey && entry.key === String(index));
  return { kind: 'array', entries, isList };
}

function checked(value: PhpValue | undefined): PhpValue {
  // Index signatures hide undefined from the type checker; PHP has no such value.
  if (value === undefined) {
    throw new TypeError('Not a PHP value: undefined');
  }
  return value;
}
