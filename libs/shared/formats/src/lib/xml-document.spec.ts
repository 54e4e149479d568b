import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asStdClass } from './php-value';
import { encodeXmlDocument } from './xml-document';

const golden = (name: string): string => readFileSync(join(__dirname, '__golden__', name), 'utf8');
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

describe('encodeXmlDocument', () => {
  it('writes a nested, well-formed document', () => {
    const value = {
      status: true,
      count: 2,
      ratio: 0.25,
      message: null,
      blank: '',
      text: `Tom & Jerry's <"show">`,
      'first name': 'Zoë 😀',
      '2fa': 'on',
      'a:b': 'ns',
      items: [
        { id: 1, tags: ['x', 'y'] },
        { id: 2, tags: [] },
      ],
      matrix: [[1, 2]],
      empty: {},
      ctrl: 'a\u0000b\rc\ufffed',
    };
    const listItemName = (key: string): string => (key === 'items' ? 'installation' : key === 'tags' ? 'tag' : 'item');
    expect(encodeXmlDocument('installatron', value, { listItemName })).toBe(golden('xml-document-nested.xml'));
  });

  it('writes scalars at the root', () => {
    expect(encodeXmlDocument('r', 'x')).toBe(`${DECL}\n<r>x</r>\n`);
    expect(encodeXmlDocument('r', null)).toBe(`${DECL}\n<r/>\n`);
    expect(encodeXmlDocument('r', false)).toBe(`${DECL}\n<r>false</r>\n`);
    expect(encodeXmlDocument('r', -1.5)).toBe(`${DECL}\n<r>-1.5</r>\n`);
    expect(encodeXmlDocument('r', 2 ** 60)).toBe(`${DECL}\n<r>1152921504606846976</r>\n`);
  });

  it('names the items of a top-level list after the root by the callback', () => {
    expect(encodeXmlDocument('domains', ['a.com', 'b.com'], { listItemName: (key) => (key === 'domains' ? 'domain' : 'item') })).toBe(
      `${DECL}\n<domains>\n  <domain>a.com</domain>\n  <domain>b.com</domain>\n</domains>\n`,
    );
  });

  it('uses item by default, and sanitises names the callback returns', () => {
    expect(encodeXmlDocument('r', { l: [1] })).toBe(`${DECL}\n<r>\n  <l>\n    <item>1</item>\n  </l>\n</r>\n`);
    expect(encodeXmlDocument('r', [1], { listItemName: () => '1 x' })).toBe(`${DECL}\n<r>\n  <_1_x>1</_1_x>\n</r>\n`);
  });

  it('sanitises element names into valid XML names', () => {
    expect(encodeXmlDocument('r', { '': 1, '-a': 2, '.b': 3, 'é-ß.1': 4, 'a b/c': 5 })).toBe(
      `${DECL}\n<r>\n  <_>1</_>\n  <_-a>2</_-a>\n  <_.b>3</_.b>\n  <é-ß.1>4</é-ß.1>\n  <a_b_c>5</a_b_c>\n</r>\n`,
    );
  });

  it('drops characters XML 1.0 cannot carry, including lone surrogates', () => {
    expect(encodeXmlDocument('r', 'a\u0000b\u0007c\ud800d\uffffe\u0009\u000a')).toBe(`${DECL}\n<r>abcde\t\n</r>\n`);
  });

  it('treats a stdClass like any object and a numeric-keyed object as elements, not a list', () => {
    expect(encodeXmlDocument('r', asStdClass({ '0': 'a', id: 'b' }))).toBe(`${DECL}\n<r>\n  <_0>a</_0>\n  <id>b</id>\n</r>\n`);
  });

  it('spells non-finite numbers as xs:double does', () => {
    expect(encodeXmlDocument('r', [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      `${DECL}\n<r>\n  <item>NaN</item>\n  <item>INF</item>\n  <item>-INF</item>\n</r>\n`,
    );
  });
});
