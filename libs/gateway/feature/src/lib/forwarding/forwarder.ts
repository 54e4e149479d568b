import { type IncomingHttpHeaders } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods } from 'fastify';
import { errors as undiciErrors, Pool } from 'undici';
import { type TransportFailure, TransportFailureError } from '@hostgate/shared/errors';
import { type DialectRegistration, type DialectRouter, renderError, sendRendered } from '@hostgate/shared/platform';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
/**
 * Request headers answered here and not passed on: `Expect: 100-continue` (curl sends it with every
 * body over 1 KiB) was already answered to the client by this server, and the upstream client
 * refuses a request that carries it.
 */
const ANSWERED_HERE = new Set([...HOP_BY_HOP, 'expect']);
const ALL_METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

export interface ForwardTarget {
  readonly dialect: DialectRegistration;
  readonly upstream: URL;
}

export interface ForwarderOptions {
  readonly timeoutMs: number;
  /** Connections kept open per upstream; requests beyond it queue instead of opening more. */
  readonly connections?: number;
}

function failureOf(err: unknown): TransportFailure {
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || err instanceof undiciErrors.ConnectTimeoutError) return 'upstream_timeout';
  return 'upstream_unavailable';
}

function forwardHeaders(req: FastifyRequest): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (!ANSWERED_HERE.has(k) && v !== undefined) out[k] = v;
  const prior = req.headers['x-forwarded-for'];
  const remote = req.raw.socket.remoteAddress ?? req.ip;
  out['x-forwarded-for'] = prior ? `${String(prior)}, ${remote}` : remote;
  out['x-forwarded-proto'] = req.protocol;
  // What the client called: this gateway's Host, or what a proxy in front of it that it trusts said.
  out['x-forwarded-host'] = req.host;
  out['x-request-id'] = String(req.id);
  return out;
}

/**
 * Forward mode: a prefix served by its own process. The request is streamed as received (method,
 * path, query, headers, body) over a pooled keep-alive connection; a down or slow upstream gets the
 * dialect's own error shape, bounded by the timeout.
 */
export class Forwarder {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly options: ForwarderOptions) {}

  register(fastify: FastifyInstance, targets: readonly ForwardTarget[], router: DialectRouter): void {
    for (const target of targets) {
      const pool = new Pool(target.upstream.origin, {
        connections: this.options.connections ?? 128,
        keepAliveTimeout: 30_000,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        connectTimeout: Math.min(this.options.timeoutMs, 10_000),
      });
      this.pools.set(target.dialect.prefix, pool);
      const base = target.upstream.pathname.replace(/\/$/, '');
      const onRequest = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const abort = new AbortController();
        // The client went away before its answer was written: stop the upstream call too.
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) abort.abort();
        });
        const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
        try {
          const res = await pool.request({
            path: base + req.url,
            method: req.method as HTTPMethods & ('GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'),
            headers: forwardHeaders(req),
            body: hasBody && req.method !== 'GET' && req.method !== 'HEAD' ? req.raw : undefined,
            signal: abort.signal,
          });
          const headers: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(res.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
          await reply.status(res.statusCode).headers(headers).send(res.body);
        } catch (err) {
          req.log.warn({ err, upstream: target.upstream.origin }, 'upstream request failed');
          sendRendered(reply, renderError(router, new TransportFailureError(failureOf(err)), req));
        }
      };
      for (const url of [`/${target.dialect.prefix}`, `/${target.dialect.prefix}/*`]) {
        fastify.route({ method: ALL_METHODS, url, onRequest, handler: async () => undefined });
      }
      // The dialect's OpenAPI document is the app's own (what clients are generated from), fetched through the same pool.
      fastify.route({ method: ['GET', 'HEAD'], url: `/openapi/${target.dialect.name}.json`, onRequest, handler: async () => undefined });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }
}
