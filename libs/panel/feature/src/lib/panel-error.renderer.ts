import { PANEL_GATE_REASONS } from '@hostgate/domain';
import { type DialectErrorRenderer, type DomainError, DomainErrorCode, type ErrorContext, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { HestiaExit } from './api/hestia-codes';
import { hestiaApiError } from './api/hestia-output';

/** The exit code each domain failure becomes. */
export const HESTIA_EXIT: Record<DomainErrorCode, HestiaExit> = {
  [DomainErrorCode.NotFound]: HestiaExit.E_NOTEXIST,
  [DomainErrorCode.AlreadyExists]: HestiaExit.E_EXISTS,
  [DomainErrorCode.InvalidField]: HestiaExit.E_INVALID,
  [DomainErrorCode.MissingField]: HestiaExit.E_ARGS,
  [DomainErrorCode.LimitReached]: HestiaExit.E_LIMIT,
  [DomainErrorCode.Forbidden]: HestiaExit.E_FORBIDDEN,
  [DomainErrorCode.Suspended]: HestiaExit.E_SUSPENDED,
  [DomainErrorCode.NotSuspended]: HestiaExit.E_UNSUSPENDED,
  [DomainErrorCode.InUse]: HestiaExit.E_INUSE,
  [DomainErrorCode.Unauthenticated]: HestiaExit.E_PASSWORD,
  [DomainErrorCode.Banned]: HestiaExit.E_FORBIDDEN,
  [DomainErrorCode.Disabled]: HestiaExit.E_DISABLED,
};

const NO_DATA = 'Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html';

const FAILURE_EXIT: Record<TransportFailure, number> = {
  route_not_found: 405,
  method_not_allowed: 405,
  malformed_body: 405,
  body_too_large: 405,
  unsupported_media_type: 405,
  upstream_unavailable: HestiaExit.E_CONNECT,
  upstream_timeout: HestiaExit.E_CONNECT,
  internal: HestiaExit.E_PARSING,
};

function wantsReturnCode(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>)['returncode'] === 'yes';
}

export const panelErrorRenderer: DialectErrorRenderer = {
  dialect: 'panel',

  renderDomainError(error: DomainError, ctx: ErrorContext): RenderedError {
    if (error.details.reason === 'no_data') return hestiaApiError(405, NO_DATA, false);
    const returnCode = wantsReturnCode(ctx.body);
    const code = HESTIA_EXIT[error.code];
    if (error.details.reason === PANEL_GATE_REASONS.legacyDisabled) {
      // api_legacy echoes "Error: API has been disabled" and then calls api_error("Error: API Disabled"),
      // so both reach the body (the exit code replaces the second in code mode). Hestia's output
      // buffer lets the 400 status through; clients that only test for OK see a failure either way.
      const rendered = hestiaApiError(code, 'Error: API Disabled', returnCode);
      return { ...rendered, body: `Error: API has been disabled${rendered.body}` };
    }
    return hestiaApiError(code, error.message, returnCode);
  },

  renderFailure(failure: TransportFailure, ctx: ErrorContext): RenderedError {
    const code = FAILURE_EXIT[failure];
    if (code === 405) return hestiaApiError(405, NO_DATA, false);
    const message = failure === 'internal' ? 'internal error' : 'panel service unavailable';
    return hestiaApiError(code, message, wantsReturnCode(ctx.body));
  },
};
