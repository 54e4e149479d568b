import { formatPhpRoundTripFloat } from './php-float';
import { formatPhpInt, inspectPhpValue } from './php-node';
import { type PhpValue } from './php-value';
import { toWellFormed, utf8ByteLength } from './utf8';

/** `s:<UTF-8 byte length>:"<raw text>";` — PHP counts bytes, and unserialize fails on any other count. */
function serializeString(text: string): string {
  const wellFormed = toWellFormed(text);
  return `s:${utf8ByteLength(wellFormed)}:"${wellFormed}";`;
}

/**
 * PHP `serialize($value)` as PHP ≥ 7.1 writes it: `N;`, `b:1;`, `i:5;`,
 * `d:0.1;` (shortest round-trip, `E` exponent), `s:len:"…";`, arrays as
 * `a:N:{key value …}` with canonical integer keys written `i:N;`, and
 * stdClass objects as `O:8:"stdClass":N:{…}` whose property names are always
 * `s:` — that is how Blesta's `php` format returns DB rows.
 */
export function serializePhp(value: PhpValue): string {
  const node = inspectPhpValue(value);
  switch (node.kind) {
    case 'null':
      return 'N;';
    case 'bool':
      return node.value ? 'b:1;' : 'b:0;';
    case 'int':
      return `i:${formatPhpInt(node.value)};`;
    case 'float':
      return `d:${formatPhpRoundTripFloat(node.value, 'E')};`;
    case 'string':
      return serializeString(node.value);
    case 'array': {
      const body = node.entries
        .map((entry) => (entry.isIntKey ? `i:${entry.key};` : serializeString(entry.key)) + serializePhp(entry.value))
        .join('');
      return `a:${node.entries.length}:{${body}}`;
    }
    case 'object': {
      const body = node.properties.map((prop) => serializeString(prop.name) + serializePhp(prop.value)).join('');
      return `O:${node.className.length}:"${node.className}":${node.properties.length}:{${body}}`;
    }
  }
}
