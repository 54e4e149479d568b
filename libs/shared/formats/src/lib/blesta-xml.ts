import { isPhpObjectLike, phpFloat, type PhpValue } from './php-value';

const tabs = (n: number): string => '\t'.repeat(n);

/** Blesta's XML escaping: & < > " and the backtick (written as &apos;); a real ' is left alone. */
function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '`') out += '&apos;';
    else if (ch === '\t' || ch === '\n' || ch === '\r') out += `&#${code};`;
    else if (code < 0x20 || code === 0x7f) continue;
    else out += ch;
  }
  return out;
}

const tagName = (key: string): string => key.replace(/[^A-Za-z0-9_:.-]/g, '');

function scalarText(v: Exclude<PhpValue, PhpValue[] | { [k: string]: PhpValue }>): string {
  if (v === true) return '1';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : phpFloat(v);
  return escapeXml(String(v ?? ''));
}

const isEmptyScalar = (v: PhpValue): boolean => v === null || v === false || v === '';

function element(key: string, value: PhpValue, depth: number): string {
  const tag = tagName(key);
  if (Array.isArray(value)) {
    if (value.length === 0) return `\n${tabs(depth)}<${tag} />`;
    // A list has no container: an empty indented line, then one <key> per item, whose fields sit two
    // levels deeper than the item's tag (Minphp Xml's layout, which clients have parsed for years).
    let out = `\n${tabs(depth)}`;
    for (const item of value) out += item !== null && typeof item === 'object' ? `\n${tabs(depth)}<${tag}>${children(item, depth + 2)}\n${tabs(depth)}</${tag}>` : simple(tag, item, depth);
    return out;
  }
  if (isPhpObjectLike(value)) {
    if (Object.keys(value).length === 0) return `\n${tabs(depth)}<${tag} />`;
    return `\n${tabs(depth)}<${tag}>${children(value, depth + 1)}\n${tabs(depth)}</${tag}>`;
  }
  return simple(tag, value, depth);
}

function simple(tag: string, value: PhpValue, depth: number): string {
  if (isEmptyScalar(value)) return `\n${tabs(depth)}<${tag} />`;
  return `\n${tabs(depth)}<${tag}>${scalarText(value as string | number | boolean)}</${tag}>`;
}

function children(value: PhpValue[] | { [k: string]: PhpValue }, depth: number): string {
  const entries: Array<[string, PhpValue]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.map(([k, v]) => element(k, v, depth)).join('');
}

/**
 * Blesta's XML format (Minphp Xml::makeXml): the declaration, then the root element named after the
 * model (lower-cased CamelCase), one tab per level, empty values as self-closing tags.
 */
export function encodeBlestaXml(rootName: string, value: PhpValue): string {
  const root = tagName(rootName);
  const body = value !== null && typeof value === 'object' ? children(value, 1) : simple('response', value, 1);
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<${root}>${body}\n</${root}>`;
}
