/**
 * PHP array-key rules. PHP silently turns a string key that is a canonical
 * decimal integer ("0", "12", "-3"; not "012", "-0", "1.5", " 1") inside the
 * int64 range into an int key; `serialize` and `json_encode` then treat it as
 * an int, so the encoders must apply the same rule to JS object keys.
 */

const CANONICAL_INT = /^(?:0|-?[1-9][0-9]*)$/;
const INT64_MAX_DIGITS = '9223372036854775807';
const INT64_MIN_DIGITS = '9223372036854775808';

/** True when PHP would store `key` as an integer array key. */
export function isPhpIntKey(key: string): boolean {
  if (!CANONICAL_INT.test(key)) {
    return false;
  }
  const negative = key.startsWith('-');
  const digits = negative ? key.slice(1) : key;
  const limit = negative ? INT64_MIN_DIGITS : INT64_MAX_DIGITS;
  // Same-length decimal strings compare correctly as strings; this avoids
  // losing precision above 2^53, where Number cannot hold every int64.
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}
