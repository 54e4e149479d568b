import { createReadStream } from 'node:fs';
import { type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CredentialBootstrapService, SECURITY_SCHEMES } from '@hostgate/shared/auth';
import { type HostgateConfig } from '@hostgate/shared/config';
import { type RenderedError, TransportFailureError } from '@hostgate/shared/errors';
import { registerBodyParsers, REDACTED_PATHS, redactUrl, requestIdFor } from '@hostgate/shared/http';
import { DialectRouter, type DialectRegistration } from './dialect-registration';
import { HostgateExceptionFilter, renderError, renderGatewayError, sendRendered } from './hostgate-exception.filter';

const NEST_LOG_LEVELS: Readonly<Record<HostgateConfig['logLevel'], LogLevel[] | false>> = {
  silent: false,
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * node:http server options for a request timeout: headers within it too, and the check for
 * overdue requests (every 30 s by default) often enough to keep to a short one.
 */
export function serverTimeouts(requestTimeoutMs: number): { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number } {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(60_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
  };
}

/**
 * A client that ends its side of the connection once its request is sent (an HTTP/1.0-style
 * client, `nc`, a script calling shutdown(SHUT_WR)) still gets its answer, as Apache and nginx in
 * front of the products give it: node:http otherwise ends the connection at once when the client
 * does, and an answer not written by then (any that waits for the database or an upstream) is lost.
 * `httpAllowHalfOpen` is node:http's own switch for this (not in its type declarations).
 */
export function answerHalfClosedClients(server: object): void {
  (server as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
}

export interface HostgateAppOptions {
  readonly config: HostgateConfig;
  /** Dialects answered by this process (forwarded ones are not listed). */
  readonly dialects: readonly DialectRegistration[];
  /** Dialects whose errors this process renders although another process serves them (forward mode). */
  readonly renderOnly?: readonly DialectRegistration[];
  /** Called with the Fastify instance before Nest registers its routes (forward-mode hooks). */
  readonly beforeRoutes?: (fastify: FastifyInstance, router: DialectRouter) => void;
  readonly extraDocs?: (app: INestApplication) => Record<string, OpenAPIObject>;
  /** Where structured logs go (stdout by default); tests read them to check what is never logged. */
  readonly logStream?: { write(line: string): void };
}

export interface HostgateApp {
  readonly app: NestFastifyApplication;
  readonly router: DialectRouter;
  readonly docs: Record<string, OpenAPIObject>;
}

export async function createHostgateApp(rootModule: Type<unknown> | DynamicModule, options: HostgateAppOptions): Promise<HostgateApp> {
  const { config } = options;
  const router = new DialectRouter([...options.dialects, ...(options.renderOnly ?? [])]);
  const adapter = new FastifyAdapter({
    // A URL Fastify cannot decode (a malformed %-escape) never reaches a handler; answer it in the
    // owning dialect's shape like any unknown path, instead of Fastify's own JSON.
    frameworkErrors: (_error: Error, req: FastifyRequest, reply: FastifyReply) => {
      let rendered: RenderedError;
      try {
        rendered = renderError(router, new TransportFailureError('route_not_found'), req);
      } catch {
        // A renderer that cannot read such a URL either: the gateway's own 400.
        rendered = renderGatewayError(400, 'Bad Request', { method: req.method, url: req.url, requestId: String(req.id) });
      }
      sendRendered(reply, rendered);
    },
    bodyLimit: config.bodyLimitBytes,
    // Fastify's default is no limit at all: a client that stops halfway through its body would
    // hold its connection for ever. Node answers 408 and closes it instead.
    // (Fastify sets the server's requestTimeout from its own option after creating it; the http
    // options carry it too so node:http accepts the headersTimeout beside it.)
    requestTimeout: config.requestTimeoutMs,
    http: serverTimeouts(config.requestTimeoutMs),
    // Shutdown must not wait for clients' idle keep-alive connections.
    forceCloseConnections: true,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    trustProxy: config.trustProxy,
    // Hestia clients call /api/ with the slash; paths stay case-sensitive as the products' are.
    // A long path segment (a hostile id, a long model name) reaches the dialect, which answers in its
    // own shape, rather than Fastify's 414 after 100 characters.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 4096 },
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      },
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: NEST_LOG_LEVELS[config.logLevel] === false ? false : new ConsoleLogger({ json: true, logLevels: NEST_LOG_LEVELS[config.logLevel] || [] }),
    abortOnError: false,
    // Bodies are parsed by registerBodyParsers, the way each product reads them.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  answerHalfClosedClients(fastify.server);

  registerBodyParsers(fastify, { formAsText: (url) => router.owner(url)?.formBodyAsText === true });
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
  });
  // Errors raised before a handler runs (body too large, bad content length) reach Nest's error
  // handler, which passes them to the global filter below: the dialect's shape for those too.
  options.beforeRoutes?.(fastify, router);
  app.useGlobalFilters(new HostgateExceptionFilter(router));
  app.enableShutdownHooks();

  const docs: Record<string, OpenAPIObject> = {};
  for (const d of options.dialects) {
    const builder = new DocumentBuilder()
      .setTitle(d.openApi.title)
      .setDescription(d.openApi.description)
      .setVersion(d.openApi.version)
      .setOpenAPIVersion('3.0.3')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer('/');
    for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, scheme);
    const doc = SwaggerModule.createDocument(app, builder.build(), { include: [d.module], deepScanRoutes: true });
    d.openApi.augment?.(doc, app);
    docs[d.name] = completeDocument(pruneSecuritySchemes(doc));
  }
  for (const [name, doc] of Object.entries(options.extraDocs?.(app) ?? {})) docs[name] = completeDocument(doc);
  return { app, router, docs };
}

type Operation = { tags?: string[]; summary?: string; description?: string };

/**
 * What generators and linters expect of every document: each tag an operation uses is declared at
 * the top level, and each operation has a description (its summary when nothing longer was written).
 */
function completeDocument(doc: OpenAPIObject): OpenAPIObject {
  const declared = new Set((doc.tags ?? []).map((t) => t.name));
  const tags = [...(doc.tags ?? [])];
  for (const item of Object.values(doc.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || value === undefined) continue;
      const op = value as Operation;
      if (!op.description && op.summary) op.description = op.summary;
      for (const tag of op.tags ?? []) {
        if (declared.has(tag)) continue;
        declared.add(tag);
        tags.push({ name: tag, description: `Operations tagged ${tag}.` });
      }
    }
  }
  if (tags.length > 0) doc.tags = tags;
  return doc;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Keeps only the security schemes some operation uses (every dialect doc starts with all of them). */
function pruneSecuritySchemes(doc: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      const security = (op as { security?: Array<Record<string, unknown>> } | undefined)?.security;
      for (const requirement of security ?? []) for (const name of Object.keys(requirement)) used.add(name);
    }
  }
  const schemes = doc.components?.securitySchemes;
  if (schemes) for (const name of Object.keys(schemes)) if (!used.has(name)) delete schemes[name];
  return doc;
}

const SWAGGER_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

/** Swagger UI over every document, as a static page; its assets come from the swagger-ui-dist package. */
function swaggerPage(names: readonly string[]): string {
  const urls = JSON.stringify(names.map((name) => ({ name, url: `/openapi/${name}.json` })));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hostgate API documentation</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ urls: ${urls}, dom_id: '#swagger-ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;
}

/**
 * Serves each OpenAPI document at /openapi/{name}.json and Swagger UI at /docs listing them all,
 * and the documents `servedElsewhere` names (forwarded dialects' apps serve their own, at the same path).
 */
export function serveDocs(app: NestFastifyApplication, docs: Record<string, OpenAPIObject>, servedElsewhere: readonly string[] = []): void {
  const fastify = app.getHttpAdapter().getInstance();
  for (const [name, doc] of Object.entries(docs)) {
    const text = JSON.stringify(doc);
    fastify.get(`/openapi/${name}.json`, async (_req, reply) => reply.type('application/json; charset=utf-8').send(text));
  }
  const page = swaggerPage([...Object.keys(docs), ...servedElsewhere]);
  fastify.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  const assets = getAbsoluteFSPath();
  for (const [file, type] of Object.entries(SWAGGER_ASSETS)) {
    fastify.get(`/docs/${file}`, async (_req, reply) => reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(join(assets, file))));
  }
}

/** Runs first-start credential bootstrap and prints what was generated, once, to stdout (not the log). */
export async function bootstrapCredentials(app: INestApplication): Promise<void> {
  const result = await app.get(CredentialBootstrapService).run();
  if (!result || Object.keys(result.generated).length === 0) return;
  const lines = Object.entries(result.generated).map(([k, v]) => `  ${k}=${v}`);
  process.stdout.write(
    ['', 'Hostgate first start: these credentials were generated and are shown only now.', ...lines, 'Keep them; create more with the admin API or `npm run hostgate -- credentials`.', ''].join('\n') + '\n',
  );
}
