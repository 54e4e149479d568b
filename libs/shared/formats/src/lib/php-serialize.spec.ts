import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializePhp } from './php-serialize';
import { asStdClass, type PhpValue } from './php-value';

const golden = (name: string): string => readFileSync(join(__dirname, '__golden__', name), 'utf8');

describe('serializePhp (serialize)', () => {
  it('writes a DB row as stdClass inside the response array', () => {
    const row = asStdClass({
      '12': 'n',
      id: '1',
      name: 'Zoë 😀',
      amount: '10.0000',
      notes: null,
      active: true,
      deleted: false,
      qty: 5,
      rate: 0.1,
      big: 1e25,
      tiny: 0.00001,
      neg: -2,
      keys: { '0': 'a', '12': 'b', '012': 'c', '-3': 'd', '1.5': 'e' },
      list: ['x', 2],
      empty: [],
      blank: asStdClass({}),
    });
    expect(serializePhp({ response: row })).toBe(golden('php-serialize-row.txt'));
  });

  it('writes scalars', () => {
    const cases: Array<[PhpValue, string]> = [
      [null, 'N;'],
      [true, 'b:1;'],
      [false, 'b:0;'],
      [0, 'i:0;'],
      [-0, 'i:0;'],
      [7, 'i:7;'],
      [2 ** 60, 'i:1152921504606846976;'],
      [-(2 ** 63), 'i:-9223372036854775808;'],
      [-0.25, 'd:-0.25;'],
      [1.5, 'd:1.5;'],
      [0.00001, 'd:1.0E-5;'],
      [2 ** 63, 'd:9.223372036854776E+18;'],
      [Number.POSITIVE_INFINITY, 'd:INF;'],
      [Number.NEGATIVE_INFINITY, 'd:-INF;'],
      [Number.NaN, 'd:NAN;'],
      ['', 's:0:"";'],
      ['a"b', 's:3:"a"b";'],
    ];
    for (const [value, expected] of cases) {
      expect(serializePhp(value)).toBe(expected);
    }
  });

  it('counts string lengths in UTF-8 bytes', () => {
    expect(serializePhp('é')).toBe('s:2:"é";');
    expect(serializePhp('€')).toBe('s:3:"€";');
    expect(serializePhp('😀')).toBe('s:4:"😀";');
    // A lone surrogate is written out as U+FFFD, three bytes.
    expect(serializePhp('\ud800')).toBe('s:3:"\ufffd";');
  });

  it('writes canonical integer keys of arrays as i:N and every other key as a string', () => {
    expect(serializePhp({ '-0': 1, '1e3': 2, ' 1': 3, '9223372036854775807': 4, '9223372036854775808': 5, '-9223372036854775808': 6 })).toBe(
      'a:6:{s:2:"-0";i:1;s:3:"1e3";i:2;s:2:" 1";i:3;i:9223372036854775807;i:4;s:19:"9223372036854775808";i:5;i:-9223372036854775808;i:6;}',
    );
  });

  it('keeps numeric property names of stdClass objects as strings', () => {
    expect(serializePhp(asStdClass({ '0': true, '12': 'x' }))).toBe('O:8:"stdClass":2:{s:1:"0";b:1;s:2:"12";s:1:"x";}');
  });

  it('writes lists, nested lists and empty containers', () => {
    expect(serializePhp([['a'], [], {}, asStdClass({})])).toBe('a:4:{i:0;a:1:{i:0;s:1:"a";}i:1;a:0:{}i:2;a:0:{}i:3;O:8:"stdClass":0:{}}');
  });

  it('writes UTF-8 byte lengths for keys too', () => {
    expect(serializePhp({ clé: 1 })).toBe('a:1:{s:4:"clé";i:1;}');
  });
});
