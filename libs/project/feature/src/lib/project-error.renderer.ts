import { type DialectErrorRenderer, type DomainError, DomainErrorCode, type ErrorContext, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { parseActionChain } from './api/action-chain';
import { wireName } from './api/project-fields';
import { projectResponse } from './api/project-envelope';

const invalidValue = (e: DomainError) => `The value provide for ${wireName(e.details.entity, e.details.field)} is invalid or not allowed.`;

/** HTTP status and message per domain failure; messages are the product's own language strings. */
const ERRORS: Record<DomainErrorCode, { code: number; message: (e: DomainError) => string }> = {
  [DomainErrorCode.NotFound]: { code: 404, message: () => 'Record Not Found' },
  [DomainErrorCode.AlreadyExists]: { code: 409, message: invalidValue },
  [DomainErrorCode.InvalidField]: { code: 400, message: invalidValue },
  [DomainErrorCode.MissingField]: { code: 400, message: () => 'The required data was not provided' },
  [DomainErrorCode.LimitReached]: { code: 413, message: (e) => (e.details.reason === 'too_large' ? invalidValue(e) : e.message) },
  [DomainErrorCode.Forbidden]: { code: 403, message: (e) => (e.details.reason === 'role' ? 'Your Administrator Role is Not Permitted to Access wbTeamPro' : 'Permission Denied') },
  [DomainErrorCode.Suspended]: { code: 403, message: () => 'Permission Denied' },
  [DomainErrorCode.NotSuspended]: { code: 400, message: () => 'Error Updating Record(s)' },
  [DomainErrorCode.InUse]: { code: 409, message: () => 'Error Updating Record(s)' },
  // The known client treats HTTP 403 as a failed login, and the product says "Permission Denied".
  [DomainErrorCode.Unauthenticated]: { code: 403, message: () => 'Permission Denied' },
  [DomainErrorCode.Banned]: { code: 403, message: () => 'Permission Denied' },
  [DomainErrorCode.Disabled]: { code: 503, message: () => 'API Not Active' },
};

const FAILURES: Record<TransportFailure, { code: number; message: string }> = {
  route_not_found: { code: 404, message: 'Request Invalid or Bad Format' },
  method_not_allowed: { code: 405, message: 'Request Invalid or Bad Format' },
  malformed_body: { code: 400, message: 'Request Invalid or Bad Format' },
  body_too_large: { code: 413, message: 'Request Invalid or Bad Format' },
  unsupported_media_type: { code: 415, message: 'Request Invalid or Bad Format' },
  upstream_unavailable: { code: 503, message: 'Service Unavailable' },
  upstream_timeout: { code: 504, message: 'Service Unavailable' },
  internal: { code: 500, message: 'Internal Error' },
};

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE']);

function chainOf(ctx: ErrorContext) {
  const url = ctx.url.replace(/^\/project/, '');
  const query = new URLSearchParams(url.split('?')[1] ?? '');
  const body = typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>) : {};
  const action = query.get('action') ?? (typeof body['action'] === 'string' ? body['action'] : undefined);
  const parsed = parseActionChain(url, action);
  // The request block names the operation as the call did: the method parameter wins over the verb.
  const given = (typeof body['method'] === 'string' ? body['method'] : (query.get('method') ?? '')).toUpperCase();
  const method = METHODS.has(given) ? given : ctx.method === 'HEAD' ? 'GET' : ctx.method;
  return parsed.ok ? { format: parsed.chain.format, action: parsed.chain.action, method } : { format: parsed.format, action: parsed.action, method };
}

export const projectErrorRenderer: DialectErrorRenderer = {
  dialect: 'project',

  renderDomainError(error: DomainError, ctx: ErrorContext): RenderedError {
    const { format, action, method } = chainOf(ctx);
    const e = ERRORS[error.code];
    return projectResponse({ action, method, format, code: e.code, message: e.message(error) }, {});
  },

  renderFailure(failure: TransportFailure, ctx: ErrorContext): RenderedError {
    const { format, action, method } = chainOf(ctx);
    const f = FAILURES[failure];
    return projectResponse({ action, method, format, code: f.code, message: f.message }, {});
  },
};
