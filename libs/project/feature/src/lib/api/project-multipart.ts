export interface MultipartFile {
  readonly field: string;
  readonly fileName: string;
  readonly contentType: string | undefined;
  readonly data: Buffer;
}

export interface MultipartBody {
  /** Text parts as urlencoded pairs, so PHP's bracket rules can nest them. */
  readonly pairs: string;
  readonly files: MultipartFile[];
}

/**
 * A multipart/form-data body read from its bytes: text fields (as PHP fills $_POST) and file parts
 * (as $_FILES), binary-safe. Returns undefined when the body is not multipart or has no boundary.
 */
export function parseMultipart(contentType: string | undefined, bytes: Buffer | undefined): MultipartBody | undefined {
  if (!bytes || !contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const pairs: string[] = [];
  const files: MultipartFile[] = [];
  let pos = bytes.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (bytes.subarray(start, start + 2).toString() === '--') break;
    const next = bytes.indexOf(delimiter, start);
    if (next < 0) break;
    // A part sits between CRLF after the delimiter and CRLF before the next one.
    const part = bytes.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        if (fileName !== undefined) {
          files.push({ field: name, fileName, contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim(), data: Buffer.from(data) });
        } else {
          pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(data.toString('utf8'))}`);
        }
      }
    }
    pos = next;
  }
  return { pairs: pairs.join('&'), files };
}
