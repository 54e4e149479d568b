import { type FastifyRequest } from 'fastify';
import { TransportFailureError } from '@hostgate/shared/errors';
import { MalformedBody, parsePhpForm } from '@hostgate/shared/http';

const METHODS = ['GET', 'POST', 'DELETE'];

/** The method Installatron acts on: POST may carry another one in X-HTTP-Method-Override. */
export function effectiveMethod(req: FastifyRequest): string {
  const override = req.headers['x-http-method-override'];
  const wanted = (Array.isArray(override) ? override[0] : override)?.trim().toUpperCase();
  if (req.method === 'POST' && wanted && METHODS.includes(wanted)) return wanted;
  return req.method === 'HEAD' ? 'GET' : req.method;
}

/** The path below the dialect prefix, without the query. */
export function innerPath(req: FastifyRequest, prefix: string): string {
  const path = req.url.split('?')[0];
  return path.startsWith(`/${prefix}`) ? path.slice(prefix.length + 1) || '/' : path;
}

/**
 * Parameters from the query and the body (JSON or form-encoded; the body wins). A body that
 * cannot be decoded, or of another type, is refused in the envelope rather than ignored.
 */
export function requestInput(req: FastifyRequest): Record<string, unknown> {
  const q = req.url.indexOf('?');
  const query = q < 0 ? {} : parsePhpForm(req.url.slice(q + 1));
  const body: unknown = req.body;
  if (body instanceof MalformedBody) throw new TransportFailureError('malformed_body');
  if (typeof body === 'string') {
    if (body.trim() === '') return query;
    throw new TransportFailureError('unsupported_media_type');
  }
  if (body === undefined || body === null) return query;
  if (typeof body !== 'object' || Array.isArray(body)) throw new TransportFailureError('malformed_body');
  return { ...query, ...(body as Record<string, unknown>) };
}

/**
 * Scheme, host and port the client used, for the login links it is handed. Behind the gateway in
 * forward mode (or another proxy the app trusts, TRUST_PROXY) that is what the proxy was called
 * with, from X-Forwarded-Host and X-Forwarded-Proto: the app's own address is not one the client
 * can reach.
 */
export function publicBase(req: FastifyRequest): string {
  return `${req.protocol}://${req.host || 'localhost'}`;
}
