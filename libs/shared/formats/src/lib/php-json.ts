import { isPhpObjectLike, isStdClass, phpFloat, type PhpValue } from './php-value';

function escapeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '/':
        out += '\\/';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        if (code < 0x20 || code > 0x7e) {
          // Non-ASCII as \uXXXX (UTF-16 units, lower-case hex), as PHP does without JSON_UNESCAPED_UNICODE.
          for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
        } else {
          out += ch;
        }
    }
  }
  return `${out}"`;
}

/**
 * PHP json_encode() with default flags: "/" escaped, non-ASCII as \u escapes, an empty array as []
 * (even where an object is meant) and an empty stdClass as {}.
 */
export function encodePhpJson(value: PhpValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    return phpFloat(value);
  }
  if (typeof value === 'string') return escapeString(value);
  if (Array.isArray(value)) return `[${value.map(encodePhpJson).join(',')}]`;
  if (isPhpObjectLike(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return isStdClass(value) ? '{}' : '[]';
    return `{${keys.map((k) => `${escapeString(k)}:${encodePhpJson(value[k])}`).join(',')}}`;
  }
  return 'null';
}
