import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBlestaXml } from './blesta-xml';
import { encodePhpJson } from './php-json';
import { serializePhp } from './php-serialize';
import { asStdClass, isStdClass } from './php-value';
import { encodeXmlDocument } from './xml-document';

const golden = (name: string): string => readFileSync(join(__dirname, '__golden__', name), 'utf8');

describe('encodePhpJson (json_encode with default flags)', () => {
  it('escapes slashes and non-ASCII the way PHP does', () => {
    expect(encodePhpJson({ url: 'http://a/b', name: 'Zoë 😀' })).toBe('{"url":"http:\\/\\/a\\/b","name":"Zo\\u00eb \\ud83d\\ude00"}');
  });

  it('escapes control characters, quotes and backslashes', () => {
    expect(encodePhpJson('a"b\\c\n\t\u0001')).toBe('"a\\"b\\\\c\\n\\t\\u0001"');
  });

  it('prints an empty array as [] even for an assoc array, and an empty stdClass as {}', () => {
    expect(encodePhpJson({ settings: {}, list: [], obj: asStdClass({}) })).toBe('{"settings":[],"list":[],"obj":{}}');
  });

  it('keeps ints and floats apart and prints scalars', () => {
    expect(encodePhpJson([1, 0.5, -2, true, false, null, '10.0000'])).toBe('[1,0.5,-2,true,false,null,"10.0000"]');
    expect(encodePhpJson(1e25)).toBe('1.0e+25');
  });
});

describe('serializePhp (serialize)', () => {
  it('writes a DB row as stdClass inside the response array, strings by UTF-8 byte length', () => {
    const row = asStdClass({ id: '1', amount: '10.0000', name: 'Zoë', notes: null, lines: [5, 0.5] });
    expect(serializePhp({ response: row })).toBe(golden('php-row.txt'));
  });

  it('writes canonical integer keys of arrays as i:N and other keys as strings', () => {
    expect(serializePhp({ '0': 'a', '12': 'b', '012': 'c', '-3': 'd', '1.5': 'e' })).toBe('a:5:{i:0;s:1:"a";i:12;s:1:"b";s:3:"012";s:1:"c";i:-3;s:1:"d";s:3:"1.5";s:1:"e";}');
  });

  it('keeps numeric property names of objects as strings', () => {
    expect(serializePhp(asStdClass({ '0': true }))).toBe('O:8:"stdClass":1:{s:1:"0";b:1;}');
  });

  it('writes scalars', () => {
    expect([null, false, true, 7, -0.25, ''].map((v) => serializePhp(v))).toEqual(['N;', 'b:0;', 'b:1;', 'i:7;', 'd:-0.25;', 's:0:"";']);
  });
});

describe('encodeBlestaXml (Minphp Xml::makeXml)', () => {
  it('lays out an object response', () => {
    expect(encodeBlestaXml('clients', { response: { id: '1', settings: { language: 'en_us' } } })).toBe(golden('blesta-object.xml'));
  });

  it('lays out a list response: no container, an empty indented line, fields two levels deeper', () => {
    expect(encodeBlestaXml('clients', { response: [{ id: '1' }, { id: '2' }] })).toBe(golden('blesta-list.xml'));
  });

  it('lays out an error envelope with an empty response', () => {
    const body = { message: 'The request cannot be fulfilled due to bad syntax.', errors: { email: { format: 'Invalid email address.' } }, response: null };
    expect(encodeBlestaXml('clients', body)).toBe(golden('blesta-error.xml'));
  });

  it('writes empty values as self-closing tags, true as 1, and an empty list as a self-closing tag', () => {
    const xml = encodeBlestaXml('users', { response: { a: null, b: false, c: '', d: true, e: [] } });
    expect(xml).toContain('\n\t\t<a />\n\t\t<b />\n\t\t<c />\n\t\t<d>1</d>\n\t\t<e />');
  });

  it('escapes & < > " and the backtick but not the apostrophe, and drops control characters', () => {
    const xml = encodeBlestaXml('users', { response: 'a&b<c>"d"`e\'f\u0001g\th' });
    expect(xml).toContain("<response>a&amp;b&lt;c&gt;&quot;d&quot;&apos;e'fg&#9;h</response>");
  });

  it('strips tag names to the characters Blesta keeps', () => {
    expect(encodeBlestaXml('support_manager.support_manager_tickets', { 'my key!': '1' })).toContain('<mykey>1</mykey>');
  });
});

describe('encodeXmlDocument', () => {
  it('writes a well-formed document with items, escaping and safe names', () => {
    const doc = encodeXmlDocument('wbteampro', { request: { action: 'projects/1', code: 200, ok: true }, response: { tags: ['a & b', null], '2fa': 'x' } }, { listItemName: (k) => (k === 'tags' ? 'tag' : 'item') });
    expect(doc).toBe(golden('xml-document.xml'));
  });

  it('drops characters XML cannot carry', () => {
    expect(encodeXmlDocument('r', 'a\u0000b\u0007c')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r>abc</r>\n');
  });
});

describe('asStdClass', () => {
  it('marks an object without changing what JSON or Object.keys see', () => {
    const row = asStdClass({ id: '1' });
    expect(isStdClass(row)).toBe(true);
    expect(isStdClass({ id: '1' })).toBe(false);
    expect(Object.keys(row)).toEqual(['id']);
    expect(JSON.stringify(row)).toBe('{"id":"1"}');
  });
});
