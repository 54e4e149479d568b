import { type Server } from 'node:https';
import { type AddressInfo } from 'node:net';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type HostgateConfig } from '@hostgate/shared/config';
import { bootstrapCredentials, createHostgateApp, HostgateRootModule, serveDocs } from '@hostgate/shared/platform';
import { AdminModule } from './admin/admin.module';
import { ALL_DIALECTS } from './dialects';
import { Forwarder } from './forwarding/forwarder';
import { startPanelListener } from './tls/panel-listener';

export interface RunningGateway {
  readonly app: NestFastifyApplication;
  /** http://host:port of the main listener. */
  readonly url: string;
  /** https://host:port of the dedicated panel listener, when PANEL_LISTEN_PORT is set. */
  readonly panelUrl?: string;
  readonly forwarded: readonly string[];
  close(): Promise<void>;
}

/**
 * The gateway: every dialect in this process, except those with an upstream URL, which are
 * forwarded; plus health, docs, the admin API and, when asked, the dedicated TLS panel listener.
 */
export async function startGateway(config: HostgateConfig, options: { logStream?: { write(line: string): void } } = {}): Promise<RunningGateway> {
  const local = ALL_DIALECTS.filter((d) => !config.upstreams[d.name]);
  const remote = ALL_DIALECTS.filter((d) => config.upstreams[d.name]);
  const forwarder = new Forwarder({ timeoutMs: config.upstreamTimeoutMs });
  const { app, docs } = await createHostgateApp(HostgateRootModule.forRoot(config, local, { imports: [AdminModule] }), {
    config,
    dialects: local,
    renderOnly: remote,
    logStream: options.logStream,
    beforeRoutes: (fastify, router) =>
      forwarder.register(
        fastify,
        remote.map((d) => ({ dialect: d, upstream: config.upstreams[d.name] as URL })),
        router,
      ),
    extraDocs: (nest) => ({
      gateway: SwaggerModule.createDocument(
        nest,
        new DocumentBuilder()
          .setTitle('Hostgate gateway admin API')
          .setDescription('Credentials for every dialect, behind Bearer tokens.')
          .setVersion('1.0.0')
          .setOpenAPIVersion('3.0.3')
          .setLicense('MIT', 'https://opensource.org/licenses/MIT')
          .addServer('/')
          .addSecurity('admin-bearer', { type: 'http', scheme: 'bearer' })
          .build(),
        { include: [AdminModule] },
      ),
    }),
  });
  serveDocs(
    app,
    docs,
    remote.map((d) => d.name),
  );
  await app.init();
  await bootstrapCredentials(app);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  let panelServer: Server | undefined;
  if (config.panelListenPort !== undefined) {
    panelServer = await startPanelListener(app.getHttpAdapter().getInstance(), config, config.panelListenPort);
  }
  const panelAddress = panelServer?.address() as AddressInfo | undefined;
  return {
    app,
    url: `http://${host}:${address.port}`,
    panelUrl: panelAddress ? `https://${host}:${panelAddress.port}` : undefined,
    forwarded: remote.map((d) => d.name),
    close: async () => {
      if (panelServer) {
        const closed = new Promise<void>((resolve) => panelServer.close(() => resolve()));
        panelServer.closeAllConnections();
        await closed;
      }
      await app.close();
      await forwarder.close();
    },
  };
}
