import { parsePhpStr, PHP_MAX_INPUT_VARS, registerVariable } from './php-parse-str';

/**
 * PHP fills $_POST from multipart/form-data too. The shared body parsers keep such a body as text,
 * so the text fields are read here (file parts are skipped: no API method takes an upload) and
 * nested with PHP's bracket rules. Returns undefined for anything else.
 */
export function parseMultipartForm(contentType: string | undefined, body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string' || !contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return {};
  const fields = parsePhpStr('');
  let count = 0;
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined || /\bfilename=/i.test(disposition)) continue;
    const value = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    // Field names are not url-decoded in multipart; the bracket rules are the same.
    registerVariable(fields, name, value);
    if (++count >= PHP_MAX_INPUT_VARS) break;
  }
  return fields;
}
