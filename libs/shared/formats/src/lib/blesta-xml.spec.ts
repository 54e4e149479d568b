import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBlestaXml } from './blesta-xml';
import { asStdClass } from './php-value';

const golden = (name: string): string => readFileSync(join(__dirname, '__golden__', name), 'utf8');
const DECL = '<?xml version="1.0" encoding="UTF-8" ?>';

describe('encodeBlestaXml (Minphp Xml::makeXml, reference §2.6)', () => {
  it('reproduces the §2.6 success object', () => {
    const row = asStdClass({ id: '1', settings: { language: 'en_us' } });
    expect(encodeBlestaXml('clients', { response: row })).toBe(golden('blesta-xml-object.xml'));
  });

  it('reproduces the §2.6 list response: no container, an empty indented line, fields two levels deeper', () => {
    const rows = [asStdClass({ id: '1' }), asStdClass({ id: '2' })];
    expect(encodeBlestaXml('clients', { response: rows })).toBe(golden('blesta-xml-list.xml'));
  });

  it('reproduces the §2.6 empty list', () => {
    expect(encodeBlestaXml('clients', { response: [] })).toBe(golden('blesta-xml-empty-list.xml'));
  });

  it('reproduces the §2.6 error envelope (message, errors, empty response)', () => {
    const envelope = {
      message: 'The request cannot be fulfilled due to bad syntax.',
      errors: { email: { format: 'Invalid email address.' } },
      response: null,
    };
    expect(encodeBlestaXml('clients', envelope)).toBe(golden('blesta-xml-error.xml'));
  });

  it('lays out a row with escaping, unicode, empty values, nested lists and floats', () => {
    const row = asStdClass({
      id: '7',
      first_name: 'Zoë',
      company: 'Smith & Sons <Ltd> "quoted" `tick` it\'s',
      note: 'line1\nline2\tx\r\u0001y',
      active: true,
      deleted: false,
      deleted_at: null,
      title: '',
      count: 3,
      ratio: 0.5,
      third: 1 / 3,
      big: 1e25,
      'custom field!': 'x',
      numbers: [
        { number: '555', type: 'phone' },
        { number: '556', type: 'fax' },
      ],
      tags: ['a', '', null, 'b'],
      matrix: [[1, 2], []],
      settings: {},
      meta: asStdClass({ emoji: '😀' }),
    });
    expect(encodeBlestaXml('clients', { response: row })).toBe(golden('blesta-xml-row.xml'));
  });

  it('writes null, false and "" as self-closing tags and true as 1', () => {
    expect(encodeBlestaXml('users', { a: null, b: false, c: '', d: true, e: 0, f: '0' })).toBe(
      `${DECL}\n<users>\n\t<a />\n\t<b />\n\t<c />\n\t<d>1</d>\n\t<e>0</e>\n\t<f>0</f>\n</users>`,
    );
  });

  it('writes an empty stdClass and an empty assoc array as self-closing tags', () => {
    expect(encodeBlestaXml('users', { response: asStdClass({}), settings: {} })).toBe(
      `${DECL}\n<users>\n\t<response />\n\t<settings />\n</users>`,
    );
  });

  it('escapes & < > " and the backtick (as &apos;), keeps the apostrophe, and drops C0 controls but not DEL', () => {
    expect(encodeBlestaXml('x', { response: 'a&b<c>"d"`e\'f\u0000\u0001\u001fg\u007fh' })).toBe(
      `${DECL}\n<x>\n\t<response>a&amp;b&lt;c&gt;&quot;d&quot;&apos;e'fg\u007fh</response>\n</x>`,
    );
  });

  it('writes tab, LF and CR as numeric character references', () => {
    expect(encodeBlestaXml('x', { response: '\t\n\r' })).toBe(`${DECL}\n<x>\n\t<response>&#9;&#10;&#13;</response>\n</x>`);
  });

  it('writes a value made only of dropped control characters as a self-closing tag', () => {
    expect(encodeBlestaXml('x', { response: '\u0002' })).toBe(`${DECL}\n<x>\n\t<response />\n</x>`);
  });

  it('strips tag names, including the root, to [A-Za-z0-9_:.-]', () => {
    expect(encodeBlestaXml('supportmanager.supportmanagertickets', { 'my key!': '1', 'é:a-b.c_d': '2' })).toBe(
      `${DECL}\n<supportmanager.supportmanagertickets>\n\t<mykey>1</mykey>\n\t<:a-b.c_d>2</:a-b.c_d>\n</supportmanager.supportmanagertickets>`,
    );
  });

  it('lists scalar items directly under the document root', () => {
    expect(encodeBlestaXml('clients', { response: ['a', 'b'] })).toBe(
      `${DECL}\n<clients>\n\t\n\t<response>a</response>\n\t<response>b</response>\n</clients>`,
    );
  });

  it('treats a plain object keyed 0..n-1 as a list but a stdClass never', () => {
    expect(encodeBlestaXml('c', { response: { '0': 'a', '1': 'b' } })).toBe(
      `${DECL}\n<c>\n\t\n\t<response>a</response>\n\t<response>b</response>\n</c>`,
    );
    // Still wrapped in its own tag; the numeric keys inside are wrapped in the enclosing key's tag one level up.
    expect(encodeBlestaXml('c', { response: asStdClass({ '0': 'a' }) })).toBe(
      `${DECL}\n<c>\n\t<response>\n\t<response>a</response>\n\t</response>\n</c>`,
    );
  });

  it('wraps a numeric key of an assoc array like a list item', () => {
    expect(encodeBlestaXml('c', { response: { a: 'x', '1.5': 'y' } })).toBe(
      `${DECL}\n<c>\n\t<response>\n\t\t<a>x</a>\n\t<response>y</response>\n\t</response>\n</c>`,
    );
  });

  it('prints floats as PHP casts them to string (precision 14)', () => {
    expect(encodeBlestaXml('c', { a: 0.1, b: -2.5, c: 0.00001, d: 2 ** 64, e: 2 ** 60 })).toBe(
      `${DECL}\n<c>\n\t<a>0.1</a>\n\t<b>-2.5</b>\n\t<c>1.0E-5</c>\n\t<d>1.844674407371E+19</d>\n\t<e>1152921504606846976</e>\n</c>`,
    );
  });
});
