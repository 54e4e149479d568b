import { loadConfig } from '@hostgate/shared/config';
import { bootstrapCredentials, createHostgateApp, serveDocs } from './create-app';
import { type DialectRegistration } from './dialect-registration';
import { HostgateRootModule } from './root.module';

/** main() of a standalone dialect app: the dialect under its own prefix, on its own port. */
export async function runDialectApp(dialect: DialectRegistration): Promise<void> {
  const config = loadConfig();
  const { app, docs } = await createHostgateApp(HostgateRootModule.forRoot(config, [dialect]), { config, dialects: [dialect] });
  serveDocs(app, docs);
  await app.init();
  await bootstrapCredentials(app);
  await app.listen({ port: config.port, host: config.host });
  app.getHttpAdapter().getInstance().log.info({ dialect: dialect.name, port: config.port }, `${dialect.name} dialect listening`);
}
