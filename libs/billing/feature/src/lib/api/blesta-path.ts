import { BLESTA_FORMATS, type BlestaFormat } from './blesta-envelope';

export type ParsedBlestaPath =
  | { readonly ok: true; readonly model: string; readonly method: string; readonly format: BlestaFormat }
  | { readonly ok: false; readonly status: 404 | 415; readonly model: string };

/**
 * /api/{model}/{method}.{format}: the format is everything after the first dot of the second
 * segment, lower-cased; no model or method is a 404, no dot or an unknown format a 415.
 */
export function parseBlestaPath(url: string): ParsedBlestaPath {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const m = /\/api\/([^/]*)\/?([^/]*)/.exec(path);
  const model = m?.[1] ?? '';
  const second = m?.[2] ?? '';
  if (!model || !second) return { ok: false, status: 404, model };
  const dot = second.indexOf('.');
  if (dot < 0) return { ok: false, status: 415, model };
  const method = second.slice(0, dot);
  const format = second.slice(dot + 1).toLowerCase();
  if (!method) return { ok: false, status: 404, model };
  if (!(BLESTA_FORMATS as readonly string[]).includes(format)) return { ok: false, status: 415, model };
  const decodedModel = decodeSegment(model);
  const decodedMethod = decodeSegment(method);
  // A segment that is not valid percent-encoding names no model or method Blesta has.
  if (decodedModel === undefined || decodedMethod === undefined) return { ok: false, status: 404, model };
  return { ok: true, model: decodedModel, method: decodedMethod, format: format as BlestaFormat };
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
