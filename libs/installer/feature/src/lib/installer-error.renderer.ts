import { type DialectErrorRenderer, type DomainError, DomainErrorCode, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { installatronError } from './api/installatron-envelope';

const ERRCODE_SUFFIXES: readonly string[] = ['unmetrequirements', 'rootonly'];

/** errcode per domain failure; the field-specific ones are built from the field name as the product does. */
const ERRCODE: Record<DomainErrorCode, (e: DomainError) => { status: number; errcode: string }> = {
  [DomainErrorCode.NotFound]: (e) => ({ status: 404, errcode: `${e.details.entity ?? 'object'}_not_found`.replace(/\s+/g, '_') }),
  [DomainErrorCode.AlreadyExists]: (e) => ({ status: 400, errcode: `invalid_argument_${e.details.field ?? 'id'}_alreadyexists` }),
  // Installatron refines some field errors with a suffix (invalid_argument_version_unmetrequirements).
  [DomainErrorCode.InvalidField]: (e) => ({ status: 400, errcode: `invalid_argument_${e.details.field ?? 'id'}${e.details.reason && ERRCODE_SUFFIXES.includes(e.details.reason) ? `_${e.details.reason}` : ''}` }),
  [DomainErrorCode.MissingField]: (e) => ({ status: 400, errcode: `empty_argument_${e.details.field ?? 'id'}` }),
  // A full DATABASES limit is the database step failing, as Installatron reports a refused CREATE DATABASE.
  [DomainErrorCode.LimitReached]: (e) => ({ status: 500, errcode: e.details.reason === 'DATABASES' ? 'failed_database_create' : 'failed_filesystem_quota' }),
  [DomainErrorCode.Forbidden]: (e) => ({ status: 403, errcode: `invalid_argument_${e.details.field ?? 'user'}` }),
  [DomainErrorCode.Suspended]: () => ({ status: 403, errcode: 'invalid_argument_user' }),
  [DomainErrorCode.NotSuspended]: () => ({ status: 400, errcode: 'invalid_argument_suspended' }),
  [DomainErrorCode.InUse]: (e) => ({ status: 400, errcode: `invalid_argument_${e.details.field ?? 'id'}` }),
  [DomainErrorCode.Unauthenticated]: () => ({ status: 403, errcode: 'invalid_api_key' }),
  [DomainErrorCode.Banned]: () => ({ status: 403, errcode: 'invalid_api_key' }),
  [DomainErrorCode.Disabled]: () => ({ status: 503, errcode: 'failed_disabled' }),
};

const FAILURES: Record<TransportFailure, { status: number; errcode: string; message: string }> = {
  route_not_found: { status: 404, errcode: 'invalid_command', message: 'The command is not recognized.' },
  method_not_allowed: { status: 405, errcode: 'invalid_method', message: 'The HTTP method is not supported by this command.' },
  malformed_body: { status: 400, errcode: 'invalid_request', message: 'The request body could not be decoded.' },
  body_too_large: { status: 413, errcode: 'invalid_request', message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, errcode: 'invalid_request', message: 'The request content type is not supported.' },
  upstream_unavailable: { status: 503, errcode: 'failed_unavailable', message: 'The installer service is unavailable.' },
  upstream_timeout: { status: 504, errcode: 'failed_timeout', message: 'The installer service did not answer in time.' },
  internal: { status: 500, errcode: 'failed_internal', message: 'An internal error occurred.' },
};

/** The status and errcode Installatron gives a domain failure (also used for failed tasks). */
export function installatronErrcode(error: DomainError): { status: number; errcode: string } {
  return ERRCODE[error.code](error);
}

export const installerErrorRenderer: DialectErrorRenderer = {
  dialect: 'installer',

  renderDomainError(error: DomainError): RenderedError {
    const { status, errcode } = ERRCODE[error.code](error);
    if (error.code === DomainErrorCode.Unauthenticated) return installatronError(status, errcode, 'The API key is not valid.');
    return installatronError(status, errcode, error.message, error.details.field ?? null);
  },

  renderFailure(failure: TransportFailure): RenderedError {
    const f = FAILURES[failure];
    return installatronError(f.status, f.errcode, f.message);
  },
};
