import { type DialectErrorRenderer, type DomainError, DomainErrorCode, type ErrorContext, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { parseActionChain } from './api/action-chain';
import { projectResponse } from './api/project-envelope';

/** HTTP status and message per domain failure; messages are the product's own language strings. */
const ERRORS: Record<DomainErrorCode, { code: number; message: (e: DomainError) => string }> = {
  [DomainErrorCode.NotFound]: { code: 404, message: () => 'Record Not Found' },
  [DomainErrorCode.AlreadyExists]: { code: 409, message: (e) => `The value provide for ${e.details.field ?? 'id'} is invalid or not allowed.` },
  [DomainErrorCode.InvalidField]: { code: 400, message: (e) => `The value provide for ${e.details.field ?? 'id'} is invalid or not allowed.` },
  [DomainErrorCode.MissingField]: { code: 400, message: () => 'The required data was not provided' },
  [DomainErrorCode.LimitReached]: { code: 400, message: (e) => e.message },
  [DomainErrorCode.Forbidden]: { code: 403, message: () => 'Permission Denied' },
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

function chainOf(ctx: ErrorContext) {
  const url = ctx.url.replace(/^\/project/, '');
  const action = new URLSearchParams(url.split('?')[1] ?? '').get('action') ?? undefined;
  const parsed = parseActionChain(url, action);
  return parsed.ok ? { format: parsed.chain.format, action: parsed.chain.action } : { format: parsed.format, action: parsed.action };
}

export const projectErrorRenderer: DialectErrorRenderer = {
  dialect: 'project',

  renderDomainError(error: DomainError, ctx: ErrorContext): RenderedError {
    const { format, action } = chainOf(ctx);
    const e = ERRORS[error.code];
    return projectResponse({ action, method: ctx.method, format, code: e.code, message: e.message(error) }, {});
  },

  renderFailure(failure: TransportFailure, ctx: ErrorContext): RenderedError {
    const { format, action } = chainOf(ctx);
    const f = FAILURES[failure];
    return projectResponse({ action, method: ctx.method, format, code: f.code, message: f.message }, {});
  },
};
