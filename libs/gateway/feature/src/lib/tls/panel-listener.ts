import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { type FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';
import { type HostgateConfig } from '@hostgate/shared/config';
import { answerHalfClosedClients, serverTimeouts } from '@hostgate/shared/platform';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

/** The operator's certificate when given; otherwise one generated on first start and kept in DATA_DIR. */
export function loadOrCreateCertificate(config: Pick<HostgateConfig, 'tlsCertFile' | 'tlsKeyFile' | 'dataDir'>): TlsMaterial {
  if (config.tlsCertFile && config.tlsKeyFile) {
    return { cert: readFileSync(config.tlsCertFile, 'utf8'), key: readFileSync(config.tlsKeyFile, 'utf8') };
  }
  const dir = join(config.dataDir, 'tls');
  const certFile = join(dir, 'panel.crt');
  const keyFile = join(dir, 'panel.key');
  if (existsSync(certFile) && existsSync(keyFile)) return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  const pems = generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    days: 825,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private };
}

/**
 * Existing panel clients call https://HOST:8083/api/ and cannot add a prefix, so this listener serves
 * the panel dialect at its root: each request is handed to the same router under /panel.
 */
export async function startPanelListener(fastify: FastifyInstance, config: HostgateConfig, port: number): Promise<Server> {
  const tls = loadOrCreateCertificate(config);
  const server = createServer({ cert: tls.cert, key: tls.key, ...serverTimeouts(config.requestTimeoutMs) }, (req, res) => {
    req.url = `/panel${req.url?.startsWith('/') ? '' : '/'}${req.url ?? ''}`;
    fastify.routing(req, res);
  });
  server.keepAliveTimeout = 65_000;
  answerHalfClosedClients(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  return server;
}
