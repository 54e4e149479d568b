import { type IncomingMessage } from 'node:http';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { CredentialBootstrapService } from '@hostgate/shared/auth';
import { type HostgateConfig } from '@hostgate/shared/config';
import { registerBodyParsers, REDACTED_PATHS, redactUrl, requestIdFor } from '@hostgate/shared/http';
import { DialectRouter, type DialectRegistration } from './dialect-registration';
import { HostgateExceptionFilter, renderError, sendRendered } from './hostgate-exception.filter';

export interface HostgateAppOptions {
  readonly config: HostgateConfig;
  /** Dialects answered by this process (forwarded ones are not listed). */
  readonly dialects: readonly DialectRegistration[];
  /** Dialects whose errors this process renders although another process serves them (forward mode). */
  readonly renderOnly?: readonly DialectRegistration[];
  /** Called with the Fastify instance before Nest registers its routes (forward-mode hooks). */
  readonly beforeRoutes?: (fastify: FastifyInstance, router: DialectRouter) => void;
  readonly extraDocs?: (app: INestApplication) => Record<string, OpenAPIObject>;
}

export interface HostgateApp {
  readonly app: NestFastifyApplication;
  readonly router: DialectRouter;
  readonly docs: Record<string, OpenAPIObject>;
}

export async function createHostgateApp(rootModule: Type<unknown> | DynamicModule, options: HostgateAppOptions): Promise<HostgateApp> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    trustProxy: config.trustProxy,
    // Dialects answer unknown paths themselves, so the router must not redirect or lowercase.
    routerOptions: { ignoreTrailingSlash: false, caseSensitive: true },
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
      },
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn', 'log'],
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const router = new DialectRouter([...options.dialects, ...(options.renderOnly ?? [])]);

  registerBodyParsers(fastify);
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
  });
  // Errors raised before Nest sees the request (body too large, bad content length) get the dialect's shape too.
  fastify.setErrorHandler((err, req, reply) => sendRendered(reply, renderError(router, err, req)));
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
      .addServer('/');
    docs[d.name] = SwaggerModule.createDocument(app, builder.build(), { include: [d.module], deepScanRoutes: true });
  }
  Object.assign(docs, options.extraDocs?.(app) ?? {});
  return { app, router, docs };
}

/** Serves each OpenAPI document at /openapi/{name}.json and Swagger UI at /docs listing them all. */
export function serveDocs(app: NestFastifyApplication, docs: Record<string, OpenAPIObject>): void {
  const fastify = app.getHttpAdapter().getInstance();
  for (const [name, doc] of Object.entries(docs)) {
    fastify.get(`/openapi/${name}.json`, async (_req, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(doc)));
  }
  const first = Object.values(docs)[0];
  if (!first) return;
  SwaggerModule.setup('docs', app, first, {
    explorer: true,
    swaggerOptions: { urls: Object.keys(docs).map((name) => ({ name, url: `/openapi/${name}.json` })) },
    raw: false,
  });
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
