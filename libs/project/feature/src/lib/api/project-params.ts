import { type FastifyRequest } from 'fastify';
import { field } from '@hostgate/shared/auth';
import { MalformedBody, parsePhpForm, rawMultipartBody } from '@hostgate/shared/http';
import { parseMultipart } from './project-multipart';

export interface Upload {
  readonly fileName: string;
  readonly mimeType: string | undefined;
  readonly bytes: Buffer;
}

export type CollectedParams = { readonly ok: true; readonly params: Record<string, unknown>; readonly upload?: Upload } | { readonly ok: false };

/** Protocol keys, never resource parameters. */
const CONTROL = new Set(['username', 'password', 'action', 'method', 'params']);

const METHODS = ['GET', 'PUT', 'POST', 'DELETE'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof MalformedBody);
}

function without(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([k]) => !CONTROL.has(k)));
}

/** The query read with PHP's bracket rules (params[project_id]=1), which Fastify's parser does not know. */
export function phpQuery(req: FastifyRequest): Record<string, unknown> {
  const q = req.url.indexOf('?');
  return q < 0 ? {} : parsePhpForm(req.url.slice(q + 1));
}

/** The body as fields: a form or JSON object, or the text parts of a multipart form. */
function bodyFields(req: FastifyRequest): { fields: Record<string, unknown>; upload?: Upload } | undefined {
  if (req.body instanceof MalformedBody) return undefined;
  const multipart = parseMultipart(req.headers['content-type'], rawMultipartBody(req));
  if (multipart) {
    const file = multipart.files.find((f) => f.field === 'file') ?? multipart.files[0];
    return { fields: parsePhpForm(multipart.pairs), upload: file ? { fileName: file.fileName, mimeType: file.contentType, bytes: file.data } : undefined };
  }
  // A JSON body must be an object of fields; a JSON list or scalar is as malformed as bad JSON.
  const json = /^application\/([\w.+-]+\+)?json/i.test(req.headers['content-type'] ?? '');
  if (req.body !== undefined && (json || typeof req.body !== 'string') && !isRecord(req.body)) return undefined;
  return { fields: isRecord(req.body) ? req.body : {} };
}

/**
 * The operation: the `method` parameter when given (method=put on a POST), else the HTTP verb.
 * HEAD reads as GET.
 */
export function effectiveMethod(req: FastifyRequest): string {
  const given = (field(req.body, 'method') ?? field(phpQuery(req), 'method') ?? field(bodyFields(req)?.fields, 'method'))?.toUpperCase();
  if (given && (METHODS as readonly string[]).includes(given)) return given;
  return req.method === 'HEAD' ? 'GET' : req.method;
}

/**
 * Resource parameters: the query, then the body's fields, then `params` (a JSON string, or an
 * array form such as params[project_id]=1) over both. A malformed body or params is refused.
 */
export function collectParams(req: FastifyRequest): CollectedParams {
  const query = phpQuery(req);
  const body = bodyFields(req);
  if (!body) return { ok: false };
  const raw = body.fields['params'] ?? query['params'];
  let params: Record<string, unknown> = {};
  if (typeof raw === 'string') {
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!isRecord(parsed)) return { ok: false };
        params = parsed;
      } catch {
        return { ok: false };
      }
    }
  } else if (isRecord(raw)) {
    params = raw;
  } else if (raw !== undefined) {
    return { ok: false };
  }
  return { ok: true, params: { ...without(query), ...without(body.fields), ...params }, upload: body.upload };
}
