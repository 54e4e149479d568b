import { CLI_COMMANDS, runCli, startGateway } from '@hostgate/gateway';
import { loadConfig } from '@hostgate/shared/config';

async function main(): Promise<void> {
  const config = loadConfig();
  const [command] = process.argv.slice(2);
  if (command && CLI_COMMANDS.includes(command)) {
    process.exitCode = await runCli(process.argv.slice(2), config, { out: (l) => console.log(l), err: (l) => console.error(l) });
    return;
  }
  const gateway = await startGateway(config);
  const where = [`gateway listening on ${gateway.url}`, ...['billing', 'panel', 'project', 'installer'].map((d) => `  /${d}${gateway.forwarded.includes(d) ? ' (forwarded)' : ''}`)];
  if (gateway.panelUrl) where.push(`  panel at the root of ${gateway.panelUrl}/api/`);
  where.push(`  docs: ${gateway.url}/docs`);
  console.log(where.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
