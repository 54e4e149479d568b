import { type DomainError } from './domain-error';

/**
 * Failures that happen around a dialect rather than inside a domain service; each dialect answers
 * them in its own shape too (a Blesta client must get a Blesta 404 for an unknown path).
 */
export type TransportFailure =
  | 'route_not_found'
  | 'method_not_allowed'
  | 'malformed_body'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'internal';

export interface RenderedError {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a request looked like, as far as an error renderer needs to know. */
export interface ErrorContext {
  readonly method: string;
  /** Path and query as the dialect sees it (after any listener rewrite). */
  readonly url: string;
  readonly requestId: string;
  /** The parsed body, for dialects whose error shape depends on it (Hestia's returncode=yes). */
  readonly body?: unknown;
}

/** The contract each dialect's exception handling implements. */
export interface DialectErrorRenderer {
  readonly dialect: string;
  renderDomainError(error: DomainError, ctx: ErrorContext): RenderedError;
  renderFailure(failure: TransportFailure, ctx: ErrorContext): RenderedError;
}

/**
 * Thrown by dialect code to answer with an exact, dialect-shaped response that is not a domain
 * failure (e.g. Blesta's 415 for an unknown format or Hestia's "OK"-less error bodies).
 */
export class DialectResponse extends Error {
  constructor(readonly rendered: RenderedError) {
    super(`dialect response ${rendered.status}`);
    this.name = 'DialectResponse';
  }
}

/** A failure around the dialect (e.g. its upstream process is down), rendered by that dialect. */
export class TransportFailureError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure);
    this.name = 'TransportFailureError';
  }
}
