import { isPhpObjectLike, isStdClass, phpFloat, type PhpValue } from './php-value';

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** PHP turns keys that are canonical decimal integers into integer keys. */
function serializeKey(key: string): string {
  return /^(0|-?[1-9]\d*)$/.test(key) && Number.isSafeInteger(Number(key)) ? `i:${key};` : `s:${byteLength(key)}:"${key}";`;
}

/** PHP serialize() of the same value json_encode would print. */
export function serializePhp(value: PhpValue): string {
  if (value === null) return 'N;';
  if (typeof value === 'boolean') return `b:${value ? 1 : 0};`;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? `i:${value};` : `d:${phpFloat(value)};`;
  if (typeof value === 'string') return `s:${byteLength(value)}:"${value}";`;
  if (Array.isArray(value)) return `a:${value.length}:{${value.map((v, i) => `i:${i};${serializePhp(v)}`).join('')}}`;
  if (isPhpObjectLike(value)) {
    const keys = Object.keys(value);
    if (isStdClass(value)) {
      // Object properties are always string-named, even "0".
      return `O:8:"stdClass":${keys.length}:{${keys.map((k) => `s:${byteLength(k)}:"${k}";${serializePhp(value[k])}`).join('')}}`;
    }
    return `a:${keys.length}:{${keys.map((k) => `${serializeKey(k)}${serializePhp(value[k])}`).join('')}}`;
  }
  return 'N;';
}
