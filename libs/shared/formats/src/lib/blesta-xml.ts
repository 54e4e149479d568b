import { formatPhpFloatString } from './php-float';
import { formatPhpInt, inspectPhpValue, type PhpNode } from './php-node';
import { type PhpValue } from './php-value';
import { toWellFormed } from './utf8';

/**
 * Blesta's XML format (Minphp Xml::makeXml, reference §2.6), quirks
 * included, because Blesta clients parse — and some compare — the exact
 * bytes. Layout rules, as the reference and its examples describe them:
 *
 * - Every element starts on a new line ("\n" + one tab per level); the
 *   declaration is followed directly by the root's "\n", and the document
 *   has no trailing newline.
 * - An element holding an array/object closes on its own line at its own
 *   indentation; a scalar element closes on the same line.
 * - A value whose text is empty (null, false, "", an empty array or object,
 *   a string of dropped control characters) is `<key />`.
 * - A list under key K has no container: its items are emitted as `<K>`
 *   elements one level *shallower* than the list's own level, so the list
 *   itself contributes an indented empty line (the "\n" + tabs written for
 *   the list before its items) and the items' fields end up two levels
 *   deeper than their `<K>` tag.
 * - In general, any entry whose (sanitised) key is numeric is wrapped in the
 *   enclosing key's tag, one level up — that is how list items get their
 *   tag. When the enclosing key is itself numeric (a list inside a list),
 *   Minphp's default node name `result` is used instead.
 *
 * Interpretations where §2.6 is silent (chosen to follow the same rules as
 * its examples, i.e. the encoder's general algorithm):
 * - "List" means a PHP array whose keys are all 0..n-1: a JS array, or a
 *   plain object keyed "0".."n-1". A stdClass is never treated as a list.
 * - Scalar list items that are empty (null, false, "") are written
 *   `<K></K>`, not `<K />` — the self-closing form applies only to keyed
 *   elements, and list items are wrapped unconditionally.
 * - A keyed entry whose key is numeric but not a list index (e.g. "1.5" in
 *   an assoc array) is wrapped like a list item, since PHP's is_numeric
 *   decides.
 * - A key stripped to nothing yields `<>…</>` (not well-formed, like Blesta).
 * - Floats print as PHP's string cast does (precision 14: `0.33333333333333`,
 *   `1.0E+25`); ints as digits; true as `1`.
 */

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" ?>';

/** Minphp's default node name, used when the enclosing key is numeric. */
const DEFAULT_NODE = 'result';

/** Blesta strips tag names to these characters (no other validation). */
function sanitizeTag(key: string): string {
  return key.replace(/[^A-Za-z0-9_:.-]/g, '');
}

// PHP 8 is_numeric(): optional surrounding whitespace, sign, digits with an
// optional fraction (or a bare fraction) and an optional exponent.
const PHP_NUMERIC = /^[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*$/;

function isPhpNumeric(text: string): boolean {
  return PHP_NUMERIC.test(text);
}

function tabs(level: number): string {
  // Only a numeric root name could go below zero; PHP 8 would throw there.
  return '\t'.repeat(Math.max(0, level));
}

/**
 * Blesta's entity rules: & < > " and the backtick (as `&apos;` — a Minphp
 * quirk; the real apostrophe is left alone); tab, LF and CR as numeric
 * references; the other C0 controls, invalid in XML 1.0, dropped.
 */
function escapeText(text: string): string {
  let out = '';
  for (const char of toWellFormed(text)) {
    switch (char) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case '`':
        out += '&apos;';
        break;
      case '\t':
      case '\n':
      case '\r':
        out += `&#${char.charCodeAt(0)};`;
        break;
      default:
        if (char.charCodeAt(0) >= 0x20) {
          out += char;
        }
    }
  }
  return out;
}

interface XmlEntry {
  tag: string;
  node: PhpNode;
}

function entriesOf(node: PhpNode): XmlEntry[] {
  switch (node.kind) {
    case 'array':
      return node.entries.map((entry) => ({ tag: sanitizeTag(entry.key), node: inspectPhpValue(entry.value) }));
    case 'object':
      return node.properties.map((prop) => ({ tag: sanitizeTag(prop.name), node: inspectPhpValue(prop.value) }));
    default:
      return [];
  }
}

function scalarText(node: PhpNode): string {
  switch (node.kind) {
    case 'null':
      return '';
    case 'bool':
      return node.value ? '1' : '';
    case 'int':
      return formatPhpInt(node.value);
    case 'float':
      return formatPhpFloatString(node.value);
    case 'string':
      return escapeText(node.value);
    default:
      return '';
  }
}

const isContainer = (node: PhpNode): boolean => node.kind === 'array' || node.kind === 'object';

/**
 * The content of an element named `ownTag` holding `node`; `level` is the
 * indentation of the node's children.
 */
function content(node: PhpNode, ownTag: string, level: number): string {
  if (!isContainer(node)) {
    return scalarText(node);
  }
  const wrapperTag = isPhpNumeric(ownTag) ? DEFAULT_NODE : ownTag;
  let out = '';
  for (const { tag, node: child } of entriesOf(node)) {
    const inner = content(child, tag, level + 1);
    const closingIndent = (depth: number): string => (isContainer(child) ? `\n${tabs(depth)}` : '');
    out += '\n';
    if (isPhpNumeric(tag)) {
      out += `${tabs(level - 1)}<${wrapperTag}>${inner}${closingIndent(level - 1)}</${wrapperTag}>`;
    } else if (inner === '') {
      out += `${tabs(level)}<${tag} />`;
    } else if (child.kind === 'array' && child.isList) {
      // The items already carry this key as their tag (see above).
      out += tabs(level) + inner;
    } else {
      out += `${tabs(level)}<${tag}>${inner}${closingIndent(level)}</${tag}>`;
    }
  }
  return out;
}

/**
 * Encodes `value` as Blesta's API does for the `xml` format.
 *
 * @param rootName the wrapping element — Blesta uses `strtolower` of the
 *   CamelCase model name (`clients`, `clientgroups`,
 *   `supportmanager.supportmanagertickets`); it is stripped like any key.
 * @param value the envelope (`{response}` or `{message, errors?, response}`).
 */
export function encodeBlestaXml(rootName: string, value: PhpValue): string {
  return DECLARATION + content(inspectPhpValue({ [rootName]: value }), DEFAULT_NODE, 0);
}
