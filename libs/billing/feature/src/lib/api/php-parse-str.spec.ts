import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhpStr, PHP_MAX_INPUT_VARS, phpUrlDecode, registerVariable } from './php-parse-str';

/**
 * fixtures/parse-str.php82.json holds [input, json_encode(parse_str(input))] pairs produced by PHP
 * 8.2's own parse_str, malformed and deeply nested brackets included.
 */
const PHP_CASES = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'parse-str.php82.json'), 'utf8')) as Array<[string, unknown]>;

/** json_encode turns 0..n-1 arrays into lists; compare both sides as plain keyed objects. */
function keyed(v: unknown): unknown {
  if (Array.isArray(v)) return keyed(Object.fromEntries(v.map((x, i) => [String(i), x])));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keyed(x)]));
  return v;
}

describe('parsePhpStr (PHP parse_str)', () => {
  it.each(PHP_CASES)('%j parses as PHP 8.2 does', (input, php) => {
    expect(keyed(parsePhpStr(input, 'query'))).toEqual(keyed(php));
  });

  it('covers the cases that matter: unclosed brackets, nesting limit, appends', () => {
    const inputs = PHP_CASES.map(([i]) => i);
    expect(inputs).toEqual(expect.arrayContaining(['a[b=1', 'a[b][c=1', 'a[]=1&a[]=2&a[5]=3&a[]=4']));
    expect(inputs.some((i) => i.includes('[x]'.repeat(65)))).toBe(true);
  });

  it('arrays have no prototype, so __proto__ is only a key', () => {
    const r = parsePhpStr('__proto__[polluted]=1');
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(r)).toEqual(['__proto__']);
    expect(keyed(r['__proto__'])).toEqual({ polluted: '1' });
  });

  it('a query keeps the first 1000 variables; a body the first 1001, counting empty pairs (PHP’s two loops)', () => {
    const pairs = Array.from({ length: PHP_MAX_INPUT_VARS + 5 }, (_, i) => `v${i}=1`);
    expect(Object.keys(parsePhpStr(pairs.join('&'), 'query'))).toHaveLength(PHP_MAX_INPUT_VARS);
    expect(Object.keys(parsePhpStr(pairs.join('&'), 'body'))).toHaveLength(PHP_MAX_INPUT_VARS + 1);
    expect(Object.keys(parsePhpStr('&&' + pairs.join('&'), 'body'))).toHaveLength(PHP_MAX_INPUT_VARS - 1);
  });

  it('url-decodes as php_url_decode: + is a space, bad escapes stay, UTF-8 passes through', () => {
    expect(phpUrlDecode('a+b%20c%zz%4')).toBe('a b c%zz%4');
    expect(phpUrlDecode('%C3%A9t%C3%A9+été')).toBe('été été');
  });

  it('registerVariable applies the same name rules to a multipart field (an unclosed deeper [ overwrites, as PHP does)', () => {
    const t = parsePhpStr('');
    registerVariable(t, 'vars[lines][0][amount]', '5');
    registerVariable(t, 'vars[lines][0][tax', 'x');
    expect(keyed(t)).toEqual({ vars: { lines: { '0': 'x' } } });
  });
});
