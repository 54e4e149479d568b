import { parseMultipartForm } from './blesta-multipart';

const body = (boundary: string, parts: string[]): string => `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;

describe('parseMultipartForm', () => {
  it('reads text fields with PHP bracket nesting and skips file parts', () => {
    const b = 'XyZ';
    const text = body(b, [
      'Content-Disposition: form-data; name="vars[lines][0][amount]"\r\n\r\n5.99',
      'Content-Disposition: form-data; name="vars[lines][0][description]"\r\n\r\nLine\r\nwith break',
      'Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nignored',
      'Content-Disposition: form-data; name="type"\r\n\r\nany',
    ]);
    expect(parseMultipartForm(`multipart/form-data; boundary=${b}`, text)).toEqual({ vars: { lines: { '0': { amount: '5.99', description: 'Line\r\nwith break' } } }, type: 'any' });
  });

  it('accepts a quoted boundary and leaves other bodies alone', () => {
    expect(parseMultipartForm('multipart/form-data; boundary="q q"', body('q q', ['Content-Disposition: form-data; name="a"\r\n\r\n1']))).toEqual({ a: '1' });
    expect(parseMultipartForm('multipart/form-data', 'x')).toEqual({});
    expect(parseMultipartForm('application/x-www-form-urlencoded', 'a=1')).toBeUndefined();
    expect(parseMultipartForm('multipart/form-data; boundary=b', { a: 1 })).toBeUndefined();
  });
});
