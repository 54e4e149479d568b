/**
 * PHP's reading of a query string or urlencoded body into nested arrays (parse_str, $_GET, $_POST),
 * following main/php_variables.c so a Blesta client's brackets mean here what they mean to Blesta:
 *
 * - names are url-decoded before brackets are read (`a%5Bb%5D` is `a[b]`), and cut at a NUL byte;
 * - leading spaces of a name are dropped; ` ` and `.` before the first `[` become `_`;
 * - `[]` (or `[ ]`) appends at the next integer index; text after a `]` that is not `[` is ignored;
 * - an unclosed `[` at the first level turns into `_` (with ` `, `.`, `[` after it), so `a[b` is
 *   `a_b`; an unclosed `[` deeper keeps what was built so far (`a[b][c` sets `a[b]`);
 * - more than 64 levels (max_input_nesting_level) drops the value and removes the whole top-level
 *   variable, even what earlier pairs put there;
 * - names mangled into `__Host-`/`__Secure-` are discarded; a scalar met where an array is needed is
 *   replaced by an array; integer-like keys (`0`, `-5`, not `05` or `-0`) are integers;
 * - at most 1000 variables (max_input_vars): a query stops before the 1001st, a body after it (PHP's
 *   two loops count differently), and empty pairs count in a body but not in a query.
 *
 * Arrays are plain objects without a prototype (so `__proto__` is just a key). One difference from
 * PHP remains: JavaScript orders integer keys ascending, where PHP keeps insertion order.
 */
export type PhpFormValue = string | PhpFormArray;
export interface PhpFormArray {
  [key: string]: PhpFormValue;
}

export const PHP_MAX_INPUT_NESTING_LEVEL = 64;
export const PHP_MAX_INPUT_VARS = 1000;

export type PhpInputSource = 'query' | 'body';

/** Parses `input` as PHP fills $_GET (`query`, also parse_str) or $_POST from a urlencoded body (`body`). */
export function parsePhpStr(input: string, source: PhpInputSource = 'query'): PhpFormArray {
  const result = phpArray();
  let count = 0;
  for (const pair of input.split('&')) {
    if (pair === '' && source === 'query') continue; // strtok skips empty tokens
    if (source === 'query' && ++count > PHP_MAX_INPUT_VARS) break;
    const eq = pair.indexOf('=');
    const name = phpUrlDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : phpUrlDecode(pair.slice(eq + 1));
    registerVariable(result, name, value);
    if (source === 'body' && ++count > PHP_MAX_INPUT_VARS) break;
  }
  return result;
}

/** php_register_variable_ex for one name/value pair, into `track`. Exported for multipart fields. */
export function registerVariable(track: PhpFormArray, rawName: string, value: string): void {
  const nul = rawName.indexOf('\0');
  const cut = nul < 0 ? rawName : rawName.slice(0, nul);
  const original = cut.charCodeAt(0) === 0x20 ? cut.replace(/^ +/, '') : cut;
  const open = original.indexOf('[');
  const name = open < 0 ? original : original.slice(0, open);
  const base = name.includes(' ') || name.includes('.') ? name.replace(/[ .]/g, '_') : name;
  if (mangledIntoPrefix(base, original, '__Host-') || mangledIntoPrefix(base, original, '__Secure-')) return;
  if (base === '') return;
  if (open < 0) {
    setKey(track, base, value);
    return;
  }

  let table = track;
  // null is PHP's NULL index: append at the next integer key.
  let index: string | null = base;
  let pos = open; // at a '['
  for (let level = 1; ; level++) {
    if (level > PHP_MAX_INPUT_NESTING_LEVEL) {
      deleteKey(track, base);
      return;
    }
    let ip = pos + 1;
    const start = ip;
    if (isCSpace(original[ip])) ip++;
    let next: string | null;
    let close: number;
    if (original[ip] === ']') {
      next = null;
      close = ip;
    } else {
      close = original.indexOf(']', ip);
      if (close < 0) {
        // Not an index. Only at the first level does the '_' rejoin the name (the C string of a
        // deeper index already ends at its own ']').
        if (level === 1) index = base + '_' + original.slice(start).replace(/[ .[]/g, '_');
        break;
      }
      next = original.slice(start, close);
    }
    table = childArray(table, index);
    index = next;
    if (original[close + 1] !== '[') break;
    pos = close + 1;
  }
  if (index === null) append(table, value);
  else setKey(table, index, value);
}

function mangledIntoPrefix(mangled: string, original: string, prefix: string): boolean {
  return mangled.startsWith(prefix) && !original.startsWith(prefix);
}

/** php_url_decode: `+` is a space, `%XX` a byte, a `%` without two hex digits stays as it is. */
export function phpUrlDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  // Work on the UTF-8 bytes: '%', '+' and hex digits are ASCII, so multibyte characters pass through.
  const input = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === 0x2b) out[n++] = 0x20;
    else if (c === 0x25 && isHex(input[i + 1]) && isHex(input[i + 2])) {
      out[n++] = parseInt(String.fromCharCode(input[i + 1], input[i + 2]), 16);
      i += 2;
    } else out[n++] = c;
  }
  return out.toString('utf8', 0, n);
}

function isHex(c: number | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** C isspace: space, \t, \n, \v, \f, \r. */
function isCSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function phpArray(): PhpFormArray {
  return Object.create(null) as PhpFormArray;
}

const INT64_LIMIT = 2n ** 63n;

/** ZEND_HANDLE_NUMERIC_STR: a canonical decimal integer within 64 bits is an integer key. */
function integerKey(key: string): bigint | null {
  // Most keys are names: one that starts with neither a digit nor '-' is not a number.
  const first = key.charCodeAt(0);
  if (first !== 0x2d && !(first >= 0x30 && first <= 0x39)) return null;
  if (!/^(0|-?[1-9][0-9]{0,18})$/.test(key)) return null;
  const n = BigInt(key);
  return n >= -INT64_LIMIT && n < INT64_LIMIT ? n : null;
}

/** The canonical form of a key: integer keys lose nothing, but must be compared as integers. */
function keyOf(key: string): string {
  const n = integerKey(key);
  return n === null ? key : n.toString();
}

function setKey(table: PhpFormArray, key: string, value: PhpFormValue): void {
  table[keyOf(key)] = value;
}

function deleteKey(table: PhpFormArray, key: string): void {
  delete table[keyOf(key)];
}

/** nNextFreeElement: one past the largest integer key, 0 for an array without one. */
function append(table: PhpFormArray, value: PhpFormValue): PhpFormValue {
  let next = 0n;
  for (const k of Object.keys(table)) {
    const n = integerKey(k);
    if (n !== null && n >= next) next = n + 1n;
  }
  if (next >= INT64_LIMIT) return value; // PHP refuses the insert and drops the value
  table[next.toString()] = value;
  return value;
}

function childArray(table: PhpFormArray, index: string | null): PhpFormArray {
  if (index === null) return append(table, phpArray()) as PhpFormArray;
  const key = keyOf(index);
  const existing = table[key];
  if (typeof existing === 'object') return existing;
  const created = phpArray();
  table[key] = created;
  return created;
}
