/**
 * Billing scenarios for tools/bench/bench.ts (part `billing`): the issue's two measured calls on a
 * gateway with every dialect in process (embedded SQLite unless BENCH_DATABASE_URL):
 *
 * - `clients/get` of a client with its contact, group, user and settings (an authenticated read);
 * - `invoices/add` with two lines, one taxable, and a delivery method (a multi-row transaction
 *   that takes the next invoice number), as a urlencoded body with PHP brackets.
 *
 * The setup (a client, a tax rule) goes through the API itself. Like the rest of the bench this
 * measures and prints; it asserts nothing about timings.
 */

/** One HTTP call as bench.ts sends it with autocannon. */
export interface BenchCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface BillingBenchHooks {
  /** The gateway under test, e.g. http://127.0.0.1:PORT (loopback only). */
  readonly base: string;
  readonly billingUser: string;
  readonly billingKey: string;
  /** Measures one scenario at max throughput (bench.ts's `measure`). */
  measure(scenario: string, call: BenchCall): Promise<unknown>;
  progress(line: string): void;
}

export const BILLING_SCENARIOS = {
  read: 'billing clients/get (in-process)',
  add: 'billing invoices/add (in-process)',
} as const;

/** The issue's targets, as shares of raw node:http at max throughput (information only). */
export const BILLING_TARGETS: ReadonlyArray<{ readonly scenario: string; readonly minPercent: number; readonly what: string }> = [
  { scenario: BILLING_SCENARIOS.read, minPercent: 10, what: 'billing clients/get >= 10% of raw node:http' },
  { scenario: BILLING_SCENARIOS.add, minPercent: 3, what: 'billing invoices/add >= 3% of raw node:http' },
];

const form = (pairs: ReadonlyArray<readonly [string, string]>): string => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

async function post(hooks: BillingBenchHooks, auth: string, path: string, pairs: ReadonlyArray<readonly [string, string]>): Promise<unknown> {
  const res = await fetch(hooks.base + path, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: form(pairs),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`setup ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { response: unknown }).response;
}

/** Sets up a client and a tax rule through the API, then measures both scenarios. */
export async function runBillingScenarios(hooks: BillingBenchHooks): Promise<void> {
  if (new URL(hooks.base).hostname !== '127.0.0.1') throw new Error(`refusing to send load anywhere but 127.0.0.1: ${hooks.base}`);
  const auth = `Basic ${Buffer.from(`${hooks.billingUser}:${hooks.billingKey}`).toString('base64')}`;
  hooks.progress('billing setup: a client and a tax rule');
  const client = (await post(hooks, auth, '/billing/api/clients/create.json', [
    ['vars[username]', 'bench-client'],
    ['vars[new_password]', 'bench-secret-1'],
    ['vars[first_name]', 'Bench'],
    ['vars[last_name]', 'Client'],
    ['vars[email]', 'bench@example.com'],
    ['vars[country]', 'US'],
  ])) as { id: string };
  await post(hooks, auth, '/billing/api/taxes/add.json', [
    ['vars[level]', '1'],
    ['vars[name]', 'Sales tax'],
    ['vars[amount]', '8.25'],
  ]);

  await hooks.measure(BILLING_SCENARIOS.read, { method: 'GET', path: `/billing/api/clients/get.json?client_id=${client.id}`, headers: { authorization: auth } });
  await hooks.measure(BILLING_SCENARIOS.add, {
    method: 'POST',
    path: '/billing/api/invoices/add.json',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: form([
      ['vars[client_id]', client.id],
      ['vars[date_billed]', '2025-01-01 00:00:00 UTC'],
      ['vars[date_due]', '2025-01-15 00:00:00 UTC'],
      ['vars[currency]', 'USD'],
      ['vars[lines][0][description]', 'Hosting'],
      ['vars[lines][0][amount]', '9.99'],
      ['vars[lines][0][tax]', 'true'],
      ['vars[lines][1][description]', 'Setup'],
      ['vars[lines][1][amount]', '5.00'],
      ['vars[delivery][]', 'email'],
    ]),
  });
}
