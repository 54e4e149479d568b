import { formatPhpRoundTripFloat } from './php-float';
import { formatPhpInt, inspectPhpValue } from './php-node';
import { type PhpValue } from './php-value';
import { isHighSurrogate, isLowSurrogate } from './utf8';

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  // Escaped because JSON_UNESCAPED_SLASHES is not a default flag.
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Printable ASCII other than `"`, `\\` and `/`, and DEL: written as they are. */
const NEEDS_NO_ESCAPE = /^[\x20\x21\x23-\x2e\x30-\x5b\x5d-\x7f]*$/;

function unicodeEscape(unit: number): string {
  // PHP writes lower-case hex digits.
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * A JSON string as PHP writes it without JSON_UNESCAPED_UNICODE: everything
 * from U+0080 up is a \u escape of its UTF-16 units (so astral characters
 * become surrogate pairs); DEL (0x7F) stays raw, as in PHP.
 */
function encodeString(text: string): string {
  // Most strings (ids, names, dates) need no escape at all: one native scan answers them.
  if (NEEDS_NO_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) {
      out += short;
    } else if (unit < 0x20) {
      out += unicodeEscape(unit);
    } else if (unit < 0x80) {
      out += char;
    } else if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += unicodeEscape(unit) + unicodeEscape(text.charCodeAt(i + 1));
      i++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      // A lone surrogate reaches PHP as U+FFFD once the string is written as UTF-8.
      out += unicodeEscape(0xfffd);
    } else {
      out += unicodeEscape(unit);
    }
  }
  return `${out}"`;
}

/**
 * PHP `json_encode($value)` with default flags, byte for byte: no
 * whitespace, `\/`, `\uXXXX` for non-ASCII, lists as `[...]`, any other
 * array or stdClass as `{...}`, an empty array as `[]` (even where an object
 * is meant, which Blesta clients rely on) and an empty stdClass as `{}`.
 *
 * @throws RangeError for NaN or ±Infinity — PHP's json_encode fails on them.
 */
export function encodePhpJson(value: PhpValue): string {
  const node = inspectPhpValue(value);
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'int':
      return formatPhpInt(node.value);
    case 'float':
      if (!Number.isFinite(node.value)) {
        throw new RangeError('encodePhpJson: Inf and NaN cannot be JSON encoded');
      }
      return formatPhpRoundTripFloat(node.value, 'e');
    case 'string':
      return encodeString(node.value);
    case 'array':
      if (node.isList) {
        return `[${node.entries.map((entry) => encodePhpJson(entry.value)).join(',')}]`;
      }
      return `{${node.entries.map((entry) => `${encodeString(entry.key)}:${encodePhpJson(entry.value)}`).join(',')}}`;
    case 'object':
      return `{${node.properties.map((prop) => `${encodeString(prop.name)}:${encodePhpJson(prop.value)}`).join(',')}}`;
  }
}
