import { formatPhpInt, inspectPhpValue } from './php-node';
import { type PhpValue } from './php-value';
import { isXmlChar, toXmlName } from './xml-names';

export interface XmlDocumentOptions {
  /**
   * Element name for the items of a list. `parentKey` is the key the list
   * sits under (the root name for a top-level list, the outer item name for
   * a list inside a list). Defaults to `item`. The result is sanitised.
   */
  readonly listItemName?: (parentKey: string) => string;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const INDENT = '  ';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be normalised to LF by every parser; the reference keeps it.
  '\r': '&#13;',
};

/** Escapes markup characters and drops what XML 1.0 cannot carry (C0 controls, lone surrogates, U+FFFE/U+FFFF). */
function escapeText(text: string): string {
  let out = '';
  for (const char of text) {
    const entity = ENTITIES[char];
    if (entity !== undefined) {
      out += entity;
    } else if (isXmlChar(char.codePointAt(0) ?? 0)) {
      out += char;
    }
  }
  return out;
}

function floatText(value: number): string {
  // xs:double spellings for the non-finite values.
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'INF' : '-INF';
  }
  return String(value);
}

interface Child {
  key: string;
  value: PhpValue;
}

function render(key: string, value: PhpValue, depth: number, options: XmlDocumentOptions): string {
  const name = toXmlName(key);
  const indent = INDENT.repeat(depth);
  const empty = `${indent}<${name}/>\n`;
  const node = inspectPhpValue(value);
  let children: Child[];
  switch (node.kind) {
    case 'null':
      return empty;
    case 'bool':
      return `${indent}<${name}>${node.value ? 'true' : 'false'}</${name}>\n`;
    case 'int':
      return `${indent}<${name}>${formatPhpInt(node.value)}</${name}>\n`;
    case 'float':
      return `${indent}<${name}>${floatText(node.value)}</${name}>\n`;
    case 'string': {
      const text = escapeText(node.value);
      return text === '' ? empty : `${indent}<${name}>${text}</${name}>\n`;
    }
    case 'array':
      if (Array.isArray(value)) {
        // Only real JS arrays are lists here; this format has no PHP heritage to honour.
        const itemKey = options.listItemName?.(key) ?? 'item';
        children = node.entries.map((entry) => ({ key: itemKey, value: entry.value }));
      } else {
        children = node.entries.map((entry) => ({ key: entry.key, value: entry.value }));
      }
      break;
    case 'object':
      children = node.properties.map((prop) => ({ key: prop.name, value: prop.value }));
      break;
  }
  if (children.length === 0) {
    return empty;
  }
  const body = children.map((child) => render(child.key, child.value, depth + 1, options)).join('');
  return `${indent}<${name}>\n${body}${indent}</${name}>\n`;
}

/**
 * A plain, well-formed XML document (none of Blesta's quirks) for the other
 * dialects: the declaration, then `rootName` holding `value`. Objects become
 * child elements, lists repeated `<item>` children (see
 * {@link XmlDocumentOptions.listItemName}), null and empty values empty
 * elements, booleans `true`/`false`. Two-space indentation, trailing newline.
 */
export function encodeXmlDocument(rootName: string, value: PhpValue, options: XmlDocumentOptions = {}): string {
  return `${DECLARATION}\n${render(rootName, value, 0, options)}`;
}
