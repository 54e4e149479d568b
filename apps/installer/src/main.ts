import { installerDialect } from '@hostgate/installer';
import { runDialectApp } from '@hostgate/shared/platform';

// The installer dialect as its own process, for the gateway's forward mode (UPSTREAM_INSTALLER_URL).
runDialectApp(installerDialect).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
