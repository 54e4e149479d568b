/**
 * Panel (HestiaCP dialect) scenarios for bench.ts: v-list-user json (a read) and v-add-web-domain
 * with a new domain on every request (a write), both at the fixed rate, against a gateway with every
 * dialect in process on a fresh database (embedded SQLite unless BENCH_DATABASE_URL). Like the rest
 * of the bench, this measures and prints; the targets are information only.
 *
 *   BENCH_ONLY=raw,panel BENCH_DURATION=3 npm run bench
 */

import { type PacedCall } from './paced-load';

/** A request as bench.ts sends it (autocannon or the even load); setupRequest rewrites each one before it goes out. */
export type PanelBenchCall = PacedCall;

/** What a measured run gave (bench.ts's row). */
export interface PanelBenchRow {
  readonly error?: string;
  readonly reqPerSec?: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly note?: string;
}

/** What bench.ts hands over: a started gateway, its panel admin, the fixed-rate measurement and the raw baseline. */
export interface PanelBenchKit {
  readonly rate: number;
  readonly admin: { readonly user: string; readonly password: string };
  /** Starts a gateway (every dialect in process, a fresh database) and answers its base URL. */
  startGateway(): Promise<string>;
  /**
   * bench.ts's measure at the fixed rate: preflight, warm-up, measured run; `paced` spaces the
   * requests evenly (paced-load.ts) instead of autocannon's per-second bursts.
   */
  measureAtRate(scenario: string, base: string, call: PanelBenchCall, paced: boolean): Promise<PanelBenchRow>;
  /** raw node:http at the fixed rate (paced or in bursts), when that part ran. */
  rawAtRate(paced: boolean): PanelBenchRow | undefined;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const BENCH_USER = 'benchuser';

/** A package without web limits, so thousands of added domains never hit WEB_DOMAINS or WEB_ALIASES. */
const BENCH_PACKAGE = ["WEB_DOMAINS='unlimited'", "WEB_ALIASES='unlimited'", "DNS_DOMAINS='unlimited'", "MAIL_DOMAINS='unlimited'", "DATABASES='unlimited'"].join('\n');

/** One setup call through the panel API itself; anything but exit code 0 stops the part. */
async function setup(base: string, admin: PanelBenchKit['admin'], cmd: string, args: readonly string[]): Promise<void> {
  const fields: Record<string, string> = { user: admin.user, password: admin.password, returncode: 'yes', cmd };
  args.forEach((a, i) => (fields[`arg${i + 1}`] = a));
  const res = await fetch(`${base}/panel/api/`, { method: 'POST', headers: FORM, body: new URLSearchParams(fields).toString(), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (text !== '0') throw new Error(`panel setup ${cmd} ${args.join(' ')} answered ${res.status}: ${text.slice(0, 200)}`);
}

function form(admin: PanelBenchKit['admin'], cmd: string, args: readonly string[]): string {
  const fields: Record<string, string> = { user: admin.user, password: admin.password, cmd };
  args.forEach((a, i) => (fields[`arg${i + 1}`] = a));
  return new URLSearchParams(fields).toString();
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v.toFixed(2)} ms`);
const ratio = (v: number | undefined, raw: number | undefined): string => (v === undefined || !raw ? 'n/a' : `${(v / raw).toFixed(1)}x raw`);

/**
 * The scenarios. Answers the report lines (bench.ts prints them with the other results); a scenario
 * that could not be measured is reported by bench.ts's own error list.
 */
export async function panelScenarios(kit: PanelBenchKit): Promise<string[]> {
  const base = await kit.startGateway();
  await setup(base, kit.admin, 'v-make-tmp-file', [BENCH_PACKAGE, 'bench.pkg']);
  await setup(base, kit.admin, 'v-add-user-package', ['/tmp', 'bench']);
  await setup(base, kit.admin, 'v-add-user', [BENCH_USER, 'Bench-Passw0rd', 'bench@example.com', 'bench', 'Bench', 'User']);
  await setup(base, kit.admin, 'v-add-domain', [BENCH_USER, 'bench-read.example.com']);

  const read: PanelBenchCall = { method: 'POST', path: '/panel/api/', headers: FORM, body: form(kit.admin, 'v-list-user', [BENCH_USER, 'json']) };
  // Every request names a domain no earlier request used (the counter runs through warm-up and run).
  let next = 0;
  const domainBody = (): string => form(kit.admin, 'v-add-web-domain', [BENCH_USER, `b${process.pid}-${(next++).toString(36)}.bench.example`]);
  const write: PanelBenchCall = { method: 'POST', path: '/panel/api/', headers: FORM, body: domainBody(), setupRequest: (request) => ({ ...request, body: domainBody() }) };

  // Each scenario under both loads: requests evenly spaced (what "at 1000/s" means for the targets)
  // and autocannon's per-second bursts of 10 in flight (as the forward-mode comparison uses).
  const results: Array<{ label: string; load: string; row: PanelBenchRow; raw: PanelBenchRow | undefined }> = [];
  // The reads go first: every domain the writes add is the bench user's, and v-list-user counts them.
  for (const [label, scenario, call] of [
    ['v-list-user json', 'panel v-list-user json', read],
    ['v-add-web-domain', 'panel v-add-web-domain (new domain each)', write],
  ] as const) {
    for (const paced of [true, false]) {
      const load = paced ? 'evenly spaced' : 'in per-second bursts';
      results.push({ label, load, row: await kit.measureAtRate(`${scenario}${paced ? '' : ' (bursts)'}`, base, call, paced), raw: kit.rawAtRate(paced) });
    }
  }

  const lines = [`Panel (HestiaCP dialect, in process) at ${kit.rate}/s; ratios to raw node:http under the same load${results.some((r) => r.raw) ? '' : ' (raw part not run)'}`];
  for (const { label, load, row, raw } of results) {
    if (row.error !== undefined) lines.push(`  ${label}, ${load}: not measured (see errors)`);
    else lines.push(`  ${label}, ${load}: p50 ${ms(row.p50)} (${ratio(row.p50, raw?.p50)}), p99 ${ms(row.p99)} (${ratio(row.p99, raw?.p99)}), ${Math.round(row.reqPerSec ?? 0)} req/s${row.note ? `, ${row.note}` : ''}`);
  }
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS');
  const readRow = results[0].row;
  const measured = readRow.error === undefined;
  lines.push(`  ${verdict(measured ? (readRow.p50 ?? Infinity) <= 2 : undefined)}  read p50 <= 2 ms at ${kit.rate}/s evenly spaced`.padEnd(62) + ` ${ms(readRow.p50)}`);
  lines.push(`  ${verdict(measured ? (readRow.p99 ?? Infinity) <= 8 : undefined)}  read p99 <= 8 ms at ${kit.rate}/s evenly spaced`.padEnd(62) + ` ${ms(readRow.p99)}`);
  lines.push("  (Hestia's own design, PHP running sudo bash scripts, costs at least 15 ms a call.)");
  return lines;
}
