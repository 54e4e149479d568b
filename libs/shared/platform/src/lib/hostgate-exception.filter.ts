import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { asDomainError, DialectResponse, type ErrorContext, RefusedValueError, TransportFailureError, type RenderedError, type TransportFailure } from '@hostgate/shared/errors';
import { type DialectRouter } from './dialect-registration';

const FAILURE_BY_STATUS: Readonly<Record<number, TransportFailure>> = {
  [HttpStatus.NOT_FOUND]: 'route_not_found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'method_not_allowed',
  [HttpStatus.BAD_REQUEST]: 'malformed_body',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'body_too_large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported_media_type',
};

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** Answers for URLs no dialect owns (the gateway's own API and unknown paths). */
export function renderGatewayError(status: number, message: string | string[], ctx: ErrorContext): RenderedError {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message, requestId: ctx.requestId }),
  };
}

/**
 * The one place an error becomes a response: the owning dialect renders it in its own shape; an
 * unknown error is logged with the request id and answered as that dialect's 500, never a stack.
 */
export function renderError(router: DialectRouter, exception: unknown, req: FastifyRequest): RenderedError {
  const ctx: ErrorContext = { method: req.method, url: req.url, requestId: String(req.id), body: req.body };
  try {
    return renderOrThrow(router, exception, req, ctx);
  } catch (renderFailure) {
    // A renderer that fails must not leave the request hanging: the gateway's own 500 answers it.
    req.log.error({ err: renderFailure, original: exception }, 'error renderer failed');
    return renderGatewayError(500, 'Internal server error', ctx);
  }
}

function renderOrThrow(router: DialectRouter, exception: unknown, req: FastifyRequest, ctx: ErrorContext): RenderedError {
  const dialect = router.owner(req.url);
  if (exception instanceof DialectResponse) return exception.rendered;
  if (exception instanceof TransportFailureError) {
    return dialect ? dialect.renderer.renderFailure(exception.failure, ctx) : renderGatewayError(502, exception.failure, ctx);
  }
  const domain = asDomainError(exception);
  if (domain) {
    // A refused value was the client's: answered as the dialect's invalid input, logged without it.
    if (domain instanceof RefusedValueError) req.log.warn({ sqlstate: domain.sqlstate }, 'the database refused a value of the request');
    if (dialect) return dialect.renderer.renderDomainError(domain, ctx);
    const status = domain.code === 'unauthenticated' ? 401 : domain.code === 'not_found' ? 404 : domain.code === 'forbidden' ? 403 : 400;
    return renderGatewayError(status, domain.message, ctx);
  }
  const status = httpStatusOf(exception);
  if (status !== undefined && status < 500) {
    const failure = FAILURE_BY_STATUS[status];
    if (dialect && failure) return dialect.renderer.renderFailure(failure, ctx);
    return renderGatewayError(status, httpMessageOf(exception), ctx);
  }
  req.log.error({ err: exception }, 'unhandled error');
  return dialect ? dialect.renderer.renderFailure('internal', ctx) : renderGatewayError(500, 'Internal server error', ctx);
}

/** Validation pipes put the list of problems in the response body; say them, not "Bad Request". */
function httpMessageOf(e: unknown): string | string[] {
  if (e instanceof HttpException) {
    const response = e.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string' || (Array.isArray(message) && message.every((m) => typeof m === 'string'))) return message as string | string[];
  }
  return e instanceof Error ? e.message : 'Error';
}

function httpStatusOf(e: unknown): number | undefined {
  if (e instanceof HttpException) return e.getStatus();
  // Fastify's own errors (body too large, bad content length) carry a statusCode.
  if (typeof e === 'object' && e !== null && 'statusCode' in e && typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

export function sendRendered(reply: FastifyReply, rendered: RenderedError): void {
  void reply
    .status(rendered.status)
    .headers(rendered.headers ?? {})
    .type(rendered.contentType)
    .send(rendered.body);
}

@Catch()
export class HostgateExceptionFilter implements ExceptionFilter {
  constructor(private readonly router: DialectRouter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    sendRendered(http.getResponse<FastifyReply>(), renderError(this.router, exception, req));
  }
}
