import { billingDialect } from '@hostgate/billing';
import { runDialectApp } from '@hostgate/shared/platform';

// The billing dialect as its own process, for the gateway's forward mode (UPSTREAM_BILLING_URL).
runDialectApp(billingDialect).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
