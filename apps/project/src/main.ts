import { projectDialect } from '@hostgate/project';
import { runDialectApp } from '@hostgate/shared/platform';

// The project dialect as its own process, for the gateway's forward mode (UPSTREAM_PROJECT_URL).
runDialectApp(projectDialect).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
