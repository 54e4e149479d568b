import { isPhpIntKey } from './php-array-keys';
import { inspectPhpValue } from './php-node';
import { asStdClass, isStdClass, type PhpValue } from './php-value';
import { toWellFormed, utf8ByteLength } from './utf8';

describe('asStdClass / isStdClass', () => {
  it('brands an object without changing what JSON, Object.keys or spread see', () => {
    const row = asStdClass({ id: '1' });
    expect(isStdClass(row)).toBe(true);
    expect(Object.keys(row)).toEqual(['id']);
    expect(JSON.stringify(row)).toBe('{"id":"1"}');
    expect(isStdClass({ ...row })).toBe(false);
  });

  it('recognises nothing else as a stdClass', () => {
    expect([{}, [], null, 'x', 1].map((v) => isStdClass(v))).toEqual([false, false, false, false, false]);
  });

  it('refuses to brand a frozen object', () => {
    expect(() => asStdClass(Object.freeze({ id: '1' }))).toThrow(TypeError);
  });
});

describe('inspectPhpValue', () => {
  it('splits numbers into PHP ints and floats', () => {
    expect(inspectPhpValue(3)).toEqual({ kind: 'int', value: 3 });
    expect(inspectPhpValue(-(2 ** 63))).toEqual({ kind: 'int', value: -(2 ** 63) });
    expect(inspectPhpValue(2 ** 63)).toEqual({ kind: 'float', value: 2 ** 63 });
    expect(inspectPhpValue(0.5)).toEqual({ kind: 'float', value: 0.5 });
    expect(inspectPhpValue(Number.NaN).kind).toBe('float');
  });

  it('rejects values outside the model instead of guessing', () => {
    const smuggle = (v: unknown): PhpValue => v as PhpValue;
    expect(() => inspectPhpValue(smuggle(new Date(0)))).toThrow('Not a PHP value: an instance of Date');
    expect(() => inspectPhpValue(smuggle(new Map()))).toThrow(TypeError);
    expect(() => inspectPhpValue(smuggle(undefined))).toThrow(TypeError);
    expect(() => inspectPhpValue(smuggle({ a: undefined }))).toThrow('Not a PHP value: undefined');
    // eslint-disable-next-line no-sparse-arrays
    expect(() => inspectPhpValue(smuggle([1, , 3]))).toThrow(TypeError);
    expect(() => inspectPhpValue(smuggle(() => 1))).toThrow('Not a PHP value: function');
  });

  it('accepts null-prototype objects as assoc arrays', () => {
    const bare = Object.assign(Object.create(null) as Record<string, PhpValue>, { a: 1 });
    expect(inspectPhpValue(bare)).toEqual({ kind: 'array', isList: false, entries: [{ key: 'a', isIntKey: false, value: 1 }] });
  });
});

describe('isPhpIntKey', () => {
  it.each([
    ['0', true],
    ['12', true],
    ['-3', true],
    ['9223372036854775807', true],
    ['-9223372036854775808', true],
    ['9223372036854775808', false],
    ['-9223372036854775809', false],
    ['012', false],
    ['-0', false],
    ['1.5', false],
    [' 1', false],
    ['1 ', false],
    ['+1', false],
    ['1e3', false],
    ['', false],
  ])('%p → %p', (key, expected) => {
    expect(isPhpIntKey(key)).toBe(expected);
  });
});

describe('utf8 helpers', () => {
  it('counts UTF-8 bytes', () => {
    expect(['', 'a', 'é', '€', '😀', '\ud800', 'a\udc00b'].map(utf8ByteLength)).toEqual([0, 1, 2, 3, 4, 3, 5]);
  });

  it('replaces lone surrogates with U+FFFD and keeps pairs', () => {
    expect(toWellFormed('\ud83d\ude00\ud83d')).toBe('😀\ufffd');
  });
});
