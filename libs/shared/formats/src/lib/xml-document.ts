import { isPhpObjectLike, phpFloat, type PhpValue } from './php-value';

export interface XmlDocumentOptions {
  /** Element name for the items of a list under `parentKey`; "item" by default. */
  readonly listItemName?: (parentKey: string) => string;
}

// Characters XML 1.0 cannot carry at all: dropped rather than producing an unparseable document.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A valid XML name: disallowed characters become "_", and a name cannot start with a digit, dot or dash. */
export function xmlName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function text(v: PhpValue): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : phpFloat(v);
  return escapeText(String(v ?? ''));
}

function render(name: string, value: PhpValue, indent: string, options: XmlDocumentOptions): string {
  const tag = xmlName(name);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${tag}/>\n`;
    const item = options.listItemName?.(name) ?? 'item';
    return `${indent}<${tag}>\n${value.map((v) => render(item, v, `${indent}  `, options)).join('')}${indent}</${tag}>\n`;
  }
  if (isPhpObjectLike(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return `${indent}<${tag}/>\n`;
    return `${indent}<${tag}>\n${keys.map((k) => render(k, value[k], `${indent}  `, options)).join('')}${indent}</${tag}>\n`;
  }
  if (value === null || value === '') return `${indent}<${tag}/>\n`;
  return `${indent}<${tag}>${text(value)}</${tag}>\n`;
}

/** A plain, well-formed XML document of a value: objects as child elements, lists as repeated items. */
export function encodeXmlDocument(rootName: string, value: PhpValue, options: XmlDocumentOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(rootName, value, '', options)}`;
}
