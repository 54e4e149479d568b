import { BillingValidationError } from '@hostgate/domain';
import { type DialectErrorRenderer, type DomainError, DomainErrorCode, type ErrorContext, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { blestaError } from './api/blesta-envelope';
import { parseBlestaPath } from './api/blesta-path';

/** Blesta's rule name for each domain failure, as its language files key the errors object. */
const RULE: Record<DomainErrorCode, { status: number; rule: string }> = {
  [DomainErrorCode.NotFound]: { status: 400, rule: 'exists' },
  [DomainErrorCode.AlreadyExists]: { status: 400, rule: 'unique' },
  [DomainErrorCode.InvalidField]: { status: 400, rule: 'format' },
  [DomainErrorCode.MissingField]: { status: 400, rule: 'empty' },
  [DomainErrorCode.LimitReached]: { status: 400, rule: 'limit' },
  [DomainErrorCode.Forbidden]: { status: 403, rule: 'valid' },
  [DomainErrorCode.Suspended]: { status: 400, rule: 'suspended' },
  [DomainErrorCode.NotSuspended]: { status: 400, rule: 'unsuspended' },
  [DomainErrorCode.InUse]: { status: 400, rule: 'deleteable' },
  [DomainErrorCode.Unauthenticated]: { status: 401, rule: 'valid' },
  [DomainErrorCode.Banned]: { status: 401, rule: 'valid' },
  [DomainErrorCode.Disabled]: { status: 503, rule: 'valid' },
};

const FAILURE_STATUS: Record<TransportFailure, number> = {
  route_not_found: 404,
  method_not_allowed: 404,
  malformed_body: 400,
  body_too_large: 400,
  unsupported_media_type: 415,
  upstream_unavailable: 503,
  upstream_timeout: 503,
  internal: 500,
};

/** Rules billing domain services name in `details.reason`; they win over the code's generic rule. */
const BLESTA_RULES: ReadonlySet<string> = new Set(['empty', 'exists', 'format', 'length', 'valid', 'unique', 'matches', 'deleteable', 'primary', 'voidable', 'in_use', 'suspended', 'unsuspended', 'module']);

export const billingErrorRenderer: DialectErrorRenderer = {
  dialect: 'billing',

  renderDomainError(error: DomainError, ctx: ErrorContext): RenderedError {
    const path = parseBlestaPath(ctx.url);
    const { status, rule: generic } = RULE[error.code];
    const reason = error.details.reason;
    const rule = reason !== undefined && BLESTA_RULES.has(reason) ? reason : generic;
    const field = error.details.field ?? 'id';
    const errors: Record<string, Record<string, string>> = {};
    if (error instanceof BillingValidationError) {
      // Every failing field at once, as Blesta's Input component reports them.
      for (const f of error.failures) errors[f.field] = { ...errors[f.field], [f.rule]: f.message };
    } else errors[field] = { [rule]: error.message };
    if (error.code === DomainErrorCode.Unauthenticated || error.code === DomainErrorCode.Banned) {
      // Blesta checks the resource before the credentials: a bad path wins, carrying the auth errors.
      if (!path.ok) return blestaError(path.status, 'json', path.model, errors);
    }
    if (!path.ok) return blestaError(path.status, 'json', path.model);
    if (status === 503 || status === 403) return blestaError(status, path.format, path.model);
    return blestaError(status, path.format, path.model, errors);
  },

  renderFailure(failure: TransportFailure, ctx: ErrorContext): RenderedError {
    const path = parseBlestaPath(ctx.url);
    if (!path.ok && failure === 'route_not_found') return blestaError(path.status, 'json', path.model);
    return blestaError(FAILURE_STATUS[failure], path.ok ? path.format : 'json', path.model);
  },
};
