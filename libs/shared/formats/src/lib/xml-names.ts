/**
 * XML 1.0 (fifth edition) name rules, used to turn arbitrary object keys into
 * element names that any parser accepts. The colon is excluded on purpose: a
 * name with an undeclared prefix is not namespace-well-formed, and most
 * parsers are namespace-aware.
 */

const NAME_START_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x41, 0x5a], // A-Z
  [0x5f, 0x5f], // _
  [0x61, 0x7a], // a-z
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];

const NAME_EXTRA_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2d, 0x2e], // - .
  [0x30, 0x39], // 0-9
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

const inRanges = (code: number, ranges: ReadonlyArray<readonly [number, number]>): boolean =>
  ranges.some(([low, high]) => code >= low && code <= high);

const isNameStartChar = (code: number): boolean => inRanges(code, NAME_START_RANGES);
const isNameChar = (code: number): boolean => isNameStartChar(code) || inRanges(code, NAME_EXTRA_RANGES);

/**
 * A valid XML element name for `key`: each character a name cannot contain
 * becomes `_`, and `_` is prefixed when the first character cannot start a
 * name (a digit, `-`, `.`, a combining mark) or the key is empty.
 */
export function toXmlName(key: string): string {
  let name = '';
  for (const char of key) {
    const code = char.codePointAt(0) ?? 0;
    name += isNameChar(code) ? char : '_';
  }
  const first = name.codePointAt(0);
  return first !== undefined && isNameStartChar(first) ? name : `_${name}`;
}

/** Characters XML 1.0 allows in a document (tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
