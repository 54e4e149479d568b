import { panelDialect } from '@hostgate/panel';
import { runDialectApp } from '@hostgate/shared/platform';

// The panel dialect as its own process, for the gateway's forward mode (UPSTREAM_PANEL_URL).
runDialectApp(panelDialect).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
