import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePhpJson } from './php-json';
import { asStdClass, type PhpValue } from './php-value';

const golden = (name: string): string => readFileSync(join(__dirname, '__golden__', name), 'utf8');

describe('encodePhpJson (json_encode with default flags)', () => {
  it('encodes a stdClass row inside the response envelope', () => {
    const row = asStdClass({
      id: '1',
      url: 'https://example.com/a/b',
      name: 'Zoë 😀',
      quote: 'say "hi" \\ bye',
      ctrl: '\b\f\n\r\t\u0001\u001f',
      amount: '10.0000',
      notes: null,
      active: true,
      deleted: false,
      qty: 5,
      rate: 0.1,
      big: 1e25,
      tiny: 0.00001,
      pi: 3.14159,
      settings: {},
      blank: asStdClass({}),
      list: ['x', 2],
      keyed: { '0': 'a', '1': 'b' },
      sparse: { '1': 'b' },
      numbers: [{ number: '555' }],
    });
    expect(encodePhpJson({ response: row })).toBe(golden('php-json-row.json'));
  });

  it('encodes scalars', () => {
    const cases: Array<[PhpValue, string]> = [
      [null, 'null'],
      [true, 'true'],
      [false, 'false'],
      [0, '0'],
      [-17, '-17'],
      [2 ** 60, '1152921504606846976'],
      ['', '""'],
    ];
    for (const [value, expected] of cases) {
      expect(encodePhpJson(value)).toBe(expected);
    }
  });

  it('prints floats with shortest round-trip digits and PHP exponent layout', () => {
    const cases: Array<[number, string]> = [
      [0.1, '0.1'],
      [-0.5, '-0.5'],
      [0.30000000000000004, '0.30000000000000004'],
      [0.0001, '0.0001'],
      [0.00001, '1.0e-5'],
      [1.5e-7, '1.5e-7'],
      [123456.789, '123456.789'],
      [2 ** 63, '9.223372036854776e+18'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5.0e-324'],
    ];
    for (const [value, expected] of cases) {
      expect(encodePhpJson(value)).toBe(expected);
    }
  });

  it('escapes slashes, quotes, backslashes and control characters; leaves DEL raw', () => {
    expect(encodePhpJson('</script> "a\\b"')).toBe('"<\\/script> \\"a\\\\b\\""');
    expect(encodePhpJson('\u0000\u0007\u000b\u001f\u007f')).toBe('"\\u0000\\u0007\\u000b\\u001f\u007f"');
  });

  it('writes each ASCII character alone and inside plain text as PHP does', () => {
    const short: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x2f: '\\/', 0x5c: '\\\\' };
    for (let unit = 0; unit < 0x80; unit++) {
      const expected = short[unit] ?? (unit < 0x20 ? `\\u00${unit.toString(16).padStart(2, '0')}` : String.fromCharCode(unit));
      expect(encodePhpJson(String.fromCharCode(unit))).toBe(`"${expected}"`);
      expect(encodePhpJson(`id-42 ${String.fromCharCode(unit)} 2025-01-01`)).toBe(`"id-42 ${expected} 2025-01-01"`);
    }
  });

  it('escapes non-ASCII as lower-case \\u escapes, astral characters as surrogate pairs', () => {
    expect(encodePhpJson('é€😀\u2028')).toBe('"\\u00e9\\u20ac\\ud83d\\ude00\\u2028"');
  });

  it('encodes a lone surrogate as U+FFFD', () => {
    expect(encodePhpJson('a\ud800b\udc00')).toBe('"a\\ufffdb\\ufffd"');
  });

  it('prints empty arrays and assoc arrays as [], an empty stdClass as {}', () => {
    expect(encodePhpJson([])).toBe('[]');
    expect(encodePhpJson({})).toBe('[]');
    expect(encodePhpJson(asStdClass({}))).toBe('{}');
  });

  it('prints an assoc array keyed 0..n-1 as a list, any other as an object', () => {
    expect(encodePhpJson({ '0': 'a', '1': 'b' })).toBe('["a","b"]');
    expect(encodePhpJson({ '1': 'a' })).toBe('{"1":"a"}');
    expect(encodePhpJson({ '0': 'a', x: 'b' })).toBe('{"0":"a","x":"b"}');
    expect(encodePhpJson(asStdClass({ '0': 'a' }))).toBe('{"0":"a"}');
  });

  it('encodes nested lists inside objects and escapes keys', () => {
    expect(encodePhpJson({ 'a/b': [[1, [2]], []], 'é': { x: [null] } })).toBe('{"a\\/b":[[1,[2]],[]],"\\u00e9":{"x":[null]}}');
  });

  it('refuses NaN and infinities, as PHP json_encode does', () => {
    expect(() => encodePhpJson(Number.NaN)).toThrow(RangeError);
    expect(() => encodePhpJson([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});
