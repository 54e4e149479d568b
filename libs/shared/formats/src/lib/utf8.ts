/**
 * UTF-16 helpers. PHP sees strings as UTF-8 bytes, and a JS string with an
 * unpaired surrogate reaches PHP-side consumers as U+FFFD (that is what Node
 * writes for it), so every encoder treats lone surrogates as U+FFFD.
 */

const REPLACEMENT_CHARACTER = '\ufffd';

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Replaces each unpaired surrogate with U+FFFD. */
export function toWellFormed(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += text[i] + text[i + 1];
      i++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      out += REPLACEMENT_CHARACTER;
    } else {
      out += text[i];
    }
  }
  return out;
}

/** Byte length of `text` once encoded as UTF-8 (lone surrogates count as U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}
