/**
 * Hostgate benchmark: a measurement, not a test. It never asserts on timings; the targets it prints
 * are information. It exits 1 only when something could not be measured (an app did not start, or a
 * call did not answer 2xx), so a broken setup is not mistaken for numbers.
 *
 *   npm run build && npm run bench
 *
 * Everything runs on 127.0.0.1, in bounded time, and every child process is stopped on exit,
 * error or Ctrl-C. Settings (environment):
 *   BENCH_DURATION         seconds per measured scenario (default 10)
 *   BENCH_WARMUP           seconds of discarded warm-up before each scenario (default 1; 0 = none)
 *   BENCH_CONNECTIONS      concurrent client connections (default 10)
 *   BENCH_RATE             the fixed-rate runs' requests per second (default 1000)
 *   BENCH_ONLY             comma list of parts: raw, floor, inprocess, forward, connections, billing, panel (default: all)
 *   BENCH_DIST             directory of the built apps (default dist/apps)
 *   BENCH_LOG_LEVEL        LOG_LEVEL of the apps under test (default warn)
 *   BENCH_STARTUP_TIMEOUT  seconds an app may take to answer /health/ready (default 60)
 *   BENCH_PAIRS            rounds of raw node:http and the headline read measured alternately (default 3; 0 = none)
 *   BENCH_DATABASE_URL     a PostgreSQL database for the apps instead of their embedded SQLite: each
 *                          app gets a fresh schema in it (bench_*), dropped at the end
 */
import autocannon from 'autocannon';
import { Client } from 'pg';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pacedLoad } from './paced-load';
import { panelScenarios } from './panel-scenarios';
import { BILLING_TARGETS, runBillingScenarios } from './billing-scenarios';

const ROOT = resolve(__dirname, '..', '..');
const LOOPBACK = '127.0.0.1';
const STARTED = Date.now();

/** Progress goes to stderr, with the time since start; the report goes to stdout. */
function progress(line: string): void {
  console.error(`[${((Date.now() - STARTED) / 1000).toFixed(1).padStart(5)} s] ${line}`);
}

// ---------------------------------------------------------------------------------------------
// Settings

const PARTS = ['raw', 'floor', 'inprocess', 'forward', 'connections', 'billing', 'panel'] as const;
type Part = (typeof PARTS)[number];

interface Settings {
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  readonly rate: number;
  readonly parts: ReadonlySet<Part>;
  readonly distDir: string;
  readonly logLevel: string;
  readonly startupTimeoutMs: number;
  /** Rounds of raw node:http and the headline read alternating, the target judged on their median. */
  readonly pairs: number;
  /** PostgreSQL for the apps (a fresh schema each); undefined: their embedded SQLite. */
  readonly databaseUrl: string | undefined;
}

function numberSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return n;
}

function isPart(s: string): s is Part {
  return (PARTS as readonly string[]).includes(s);
}

function readSettings(): Settings {
  const only = process.env.BENCH_ONLY?.trim();
  const parts = new Set<Part>();
  for (const p of only ? only.split(',').map((s) => s.trim().toLowerCase()) : PARTS) {
    if (!isPart(p)) throw new Error(`BENCH_ONLY: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
    parts.add(p);
  }
  return {
    duration: numberSetting('BENCH_DURATION', 10, 1),
    warmup: numberSetting('BENCH_WARMUP', 1, 0),
    connections: Math.floor(numberSetting('BENCH_CONNECTIONS', 10, 1)),
    rate: Math.floor(numberSetting('BENCH_RATE', 1000, 1)),
    parts,
    distDir: resolve(ROOT, process.env.BENCH_DIST?.trim() || join('dist', 'apps')),
    logLevel: process.env.BENCH_LOG_LEVEL?.trim() || 'warn',
    startupTimeoutMs: numberSetting('BENCH_STARTUP_TIMEOUT', 60, 1) * 1000,
    pairs: Math.floor(numberSetting('BENCH_PAIRS', 3, 0)),
    databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes and temporary directories: all of them go when this process goes.

class Child {
  private readonly output: string[] = [];
  exitInfo: string | undefined;
  readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.output.push(line);
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((done) => {
      proc.once('exit', (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `exit code ${String(code)}`;
        done();
      });
      proc.once('error', (err) => {
        this.exitInfo = `could not start: ${err.message}`;
        done();
      });
    });
  }

  tail(lines = 30): string {
    const last = this.output.slice(-lines);
    return last.length === 0 ? `  (${this.name} printed nothing)` : last.map((l) => `  | ${l}`).join('\n');
  }
}

const children = new Set<Child>();
const tempDirs: string[] = [];

function killAllNow(): void {
  for (const child of children) if (child.exitInfo === undefined) child.proc.kill('SIGKILL');
  children.clear();
}

function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

process.once('exit', () => {
  killAllNow();
  removeTempDirs();
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the apps under test`);
    killAllNow();
    removeTempDirs();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.exitInfo === undefined) {
    child.proc.kill('SIGTERM');
    const stopped = await Promise.race([child.exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) {
      progress(`${child.name} still running 5 s after SIGTERM: SIGKILL`);
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    progress(`${child.name} stopped`);
  }
  children.delete(child);
}

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hostgate-bench-${label}-`));
  tempDirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, LOOPBACK, done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Variables of this shell that would change what the apps under test do: never passed on. */
const INHERITED_BUT_DROPPED =
  /^(DATABASE_URL|REDIS_URL|UPSTREAM_\w+|PANEL_LISTEN_PORT|TLS_CERT_FILE|TLS_KEY_FILE|HOSTGATE_\w+|BILLING_API_\w+|PANEL_ADMIN_\w+|PROJECT_ADMIN_\w+|INSTALLER_API_KEY|PORT|HOST|DATA_DIR|LOG_LEVEL|TRUST_PROXY|NODE_OPTIONS|WORK_US)$/;

function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!INHERITED_BUT_DROPPED.test(k)) env[k] = v;
  return { ...env, ...vars };
}

function startChild(name: string, args: readonly string[], port: number, vars: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ ...vars, PORT: String(port), HOST: LOOPBACK }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = new Child(name, proc, `http://${LOOPBACK}:${port}`);
  children.add(child);
  return child;
}

async function probe(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return String(res.status);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** /health (alive), then /health/ready (database reachable), each answering 200. */
async function waitReady(child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const path of ['/health', '/health/ready']) {
    let last = 'no answer';
    for (;;) {
      if (child.exitInfo !== undefined) {
        throw new Error(`${child.name} stopped (${child.exitInfo}) before ${path} answered 200:\n${child.tail()}`);
      }
      last = await probe(child.url + path);
      if (last === '200') break;
      if (Date.now() > deadline) {
        throw new Error(`${child.name} did not answer 200 on ${path} within ${timeoutMs / 1000} s (last: ${last}):\n${child.tail()}`);
      }
      await sleep(100);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The calls

type Dialect = 'billing' | 'panel' | 'project' | 'installer';

interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Rewrites each request before it is sent (a new body per request). */
  readonly setupRequest?: (request: { body?: string | Buffer }) => { body?: string | Buffer };
}

interface Credentials {
  readonly env: Record<string, string>;
  readonly calls: Record<Dialect, Call>;
}

/** Fresh bootstrap credentials for this run, and the walking-skeleton call of each dialect. */
function makeCredentials(): Credentials {
  const secret = (): string => randomBytes(18).toString('hex');
  const c = {
    adminToken: secret(),
    billingUser: 'hostgate',
    billingKey: secret(),
    panelUser: 'admin',
    panelPassword: secret(),
    projectUser: 'admin',
    projectPassword: secret(),
    installerKey: secret(),
  };
  return {
    env: {
      HOSTGATE_ADMIN_TOKEN: c.adminToken,
      BILLING_API_USER: c.billingUser,
      BILLING_API_KEY: c.billingKey,
      PANEL_ADMIN_USER: c.panelUser,
      PANEL_ADMIN_PASSWORD: c.panelPassword,
      PROJECT_ADMIN_USER: c.projectUser,
      PROJECT_ADMIN_PASSWORD: c.projectPassword,
      INSTALLER_API_KEY: c.installerKey,
    },
    calls: {
      billing: {
        method: 'GET',
        path: '/billing/api/users/get.json?user_id=1',
        headers: { authorization: `Basic ${Buffer.from(`${c.billingUser}:${c.billingKey}`).toString('base64')}` },
      },
      panel: {
        method: 'POST',
        path: '/panel/api/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user: c.panelUser, password: c.panelPassword, cmd: 'v-list-users', arg1: 'json' }).toString(),
      },
      project: {
        method: 'GET',
        path: `/project/api.php/v1/api/resources/json?${new URLSearchParams({
          username: c.projectUser,
          password: createHash('md5').update(c.projectPassword).digest('hex'),
        }).toString()}`,
        headers: {},
      },
      installer: {
        method: 'GET',
        path: '/installer/users',
        headers: { 'x-api-key': c.installerKey, accept: 'application/json' },
      },
    },
  };
}

const RAW_CALL: Call = { method: 'GET', path: '/billing/api/users/get.json?user_id=1', headers: { accept: 'application/json' } };

// ---------------------------------------------------------------------------------------------
// Measuring

/** max: back to back; rate: autocannon's per-second rate (bursts); paced: evenly spaced, open loop (paced-load.ts). */
type Load = { readonly kind: 'max' } | { readonly kind: 'rate'; readonly perSecond: number } | { readonly kind: 'paced'; readonly perSecond: number };

interface Row {
  readonly scenario: string;
  readonly load: Load;
  /** Set when the scenario could not be measured; the numbers are then absent. */
  readonly error?: string;
  readonly reqPerSec?: number;
  readonly p50?: number;
  readonly p99?: number;
  readonly note?: string;
  /** The server process's CPU time (user + system) per response in the measured run, when measured. */
  readonly cpuUs?: number;
  /** false: measured for the summary only (the relay run), not a table row. */
  readonly inTable: boolean;
}

const rows: Row[] = [];
const failures: string[] = [];

function loadLabel(load: Load): string {
  return load.kind === 'max' ? 'max' : load.kind === 'paced' ? `${load.perSecond}/s ev` : `${load.perSecond}/s`;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function autocannonOptions(base: string, call: Call, load: Load, connections: number, seconds: number): autocannon.Options {
  return {
    url: base + call.path,
    method: call.method,
    headers: call.headers,
    body: call.body,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    ...(load.kind !== 'max' ? { overallRate: load.perSecond } : {}),
    ...(call.setupRequest ? { requests: [{ setupRequest: call.setupRequest }] } : {}),
  };
}

async function preflight(base: string, call: Call): Promise<string | undefined> {
  try {
    const res = await fetch(base + call.path, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) return undefined;
    return `answered ${res.status}: ${text.slice(0, 300)}`;
  } catch (err) {
    return `request failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

interface Measurement {
  readonly row: Row;
  /** Responses of the measured run (every status), for per-request ratios. */
  readonly responses: number;
}

/**
 * One scenario: a preflight call that must answer 2xx, a discarded warm-up, then the measured run.
 * Latencies are every 2xx response's own time at hrtime resolution (autocannon's histogram keeps
 * whole milliseconds, and in rate mode adds coordinated-omission fill-ins), so p50/p99 are exact
 * nearest-rank values over the measured responses.
 */
async function measure(
  settings: Settings,
  scenario: string,
  base: string,
  call: Call,
  load: Load,
  { seconds = settings.duration, inTable = true, cpuOf }: { seconds?: number; inTable?: boolean; cpuOf?: number } = {},
): Promise<Measurement> {
  if (new URL(base).hostname !== LOOPBACK) throw new Error(`refusing to send load anywhere but ${LOOPBACK}: ${base}`);
  progress(`${scenario} (${loadLabel(load)}, ${seconds} s${settings.warmup > 0 ? ` + ${settings.warmup} s warm-up` : ''})`);
  const fail = (error: string): Measurement => {
    failures.push(`${scenario}: ${error}`);
    const row: Row = { scenario, load, error, inTable };
    rows.push(row);
    return { row, responses: 0 };
  };

  const problem = await preflight(base, call);
  if (problem) return fail(`${call.method} ${call.path} ${problem}`);

  const run = load.kind === 'paced' ? runPaced : runAutocannon;
  if (settings.warmup > 0) await run(base, call, load, settings.connections, settings.warmup);
  const cpuBefore = cpuOf === undefined ? undefined : processCpuMs(cpuOf);
  const outcome = await run(base, call, load, settings.connections, seconds);
  const cpuAfter = cpuOf === undefined ? undefined : processCpuMs(cpuOf);
  if (outcome.problem !== undefined) {
    const again = await preflight(base, call);
    return fail(outcome.problem + (again ? `; a single call now ${again}` : ''));
  }

  const sorted = Float64Array.from(outcome.samples).sort();
  const reqPerSec = outcome.ok / outcome.seconds;
  const note = load.kind !== 'max' && reqPerSec < load.perSecond * 0.95 ? `rate not reached (${Math.round(reqPerSec)}/s)` : undefined;
  const cpuUs = cpuBefore !== undefined && cpuAfter !== undefined && outcome.responses > 0 ? ((cpuAfter - cpuBefore) * 1000) / outcome.responses : undefined;
  const row: Row = { scenario, load, reqPerSec, p50: percentile(sorted, 50), p99: percentile(sorted, 99), note, cpuUs, inTable };
  rows.push(row);
  return { row, responses: outcome.responses };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/PID/stat; undefined where
 * there is no /proc. Linux counts it in clock ticks of 10 ms (USER_HZ 100 on every common kernel),
 * so a run of a few seconds measures it to well under 1%.
 */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** One load run: the 2xx latencies and count, every response counted, and what went wrong if anything did. */
interface RunOutcome {
  readonly samples: number[];
  readonly ok: number;
  readonly responses: number;
  readonly seconds: number;
  readonly problem?: string;
}

async function runAutocannon(base: string, call: Call, load: Load, connections: number, seconds: number): Promise<RunOutcome> {
  const samples: number[] = [];
  const run = autocannon(autocannonOptions(base, call, load, connections, seconds));
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
  });
  const result = await run;
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const codes = Object.entries(result.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(', ');
  const problem =
    result.non2xx > 0 || result.errors > 0 || samples.length === 0
      ? `${result.non2xx} non-2xx of ${responses} responses [${codes || 'none'}], ${result.errors} errors (${result.timeouts} timeouts)`
      : undefined;
  return { samples, ok: result['2xx'], responses, seconds: result.duration, problem };
}

async function runPaced(base: string, call: Call, load: Load, connections: number, seconds: number): Promise<RunOutcome> {
  if (load.kind !== 'paced') throw new Error('runPaced needs a paced load');
  const paced = await pacedLoad(base, call, load.perSecond, connections, seconds);
  const ok = paced.samples.length;
  const responses = [...paced.statusCounts.values()].reduce((a, b) => a + b, 0);
  const codes = [...paced.statusCounts].map(([code, n]) => `${code}×${n}`).join(', ');
  const problem =
    ok < responses || paced.errors > 0 || paced.unanswered > 0 || ok === 0
      ? `${responses - ok} non-2xx of ${responses} responses [${codes || 'none'}], ${paced.errors} errors, ${paced.unanswered} unanswered`
      : undefined;
  return { samples: paced.samples, ok, responses, seconds: paced.seconds, problem };
}

// ---------------------------------------------------------------------------------------------
// Upstream connection counting: a TCP relay between the gateway and the billing app.

class CountingRelay {
  opened = 0;
  open = 0;
  peak = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    server: Server,
    readonly port: number,
  ) {
    this.server = server;
  }

  static async start(targetPort: number): Promise<CountingRelay> {
    const server = createServer();
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(0, LOOPBACK, done);
    });
    const relay = new CountingRelay(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => {
      relay.opened += 1;
      relay.open += 1;
      relay.peak = Math.max(relay.peak, relay.open);
      const upstream = connect(targetPort, LOOPBACK);
      relay.sockets.add(client).add(upstream);
      upstream.once('close', () => relay.sockets.delete(upstream));
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.once('close', () => {
        relay.sockets.delete(client);
        relay.open -= 1;
        upstream.destroy();
      });
    });
    return relay;
  }

  /** Stops accepting and cuts the connections still open (the gateway's idle pooled ones). */
  async close(): Promise<void> {
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

interface ConnectionCount {
  /** Forwarded requests while counting: the preflight call and the run. */
  readonly requests: number;
  readonly opened: number;
  readonly peak: number;
  readonly clientConnections: number;
}

// ---------------------------------------------------------------------------------------------
// The parts

function appMain(settings: Settings, app: string): string {
  const main = join(settings.distDir, app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: build the apps first (npm run build)`);
  return main;
}

const schemas: string[] = [];

/** A fresh schema in the bench's PostgreSQL database, and the URL that makes it the app's search_path. */
async function freshSchema(databaseUrl: string): Promise<string> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  schemas.push(schema);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function dropSchemas(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl || schemas.length === 0) return;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function startApp(settings: Settings, name: string, app: string, vars: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const child = startChild(name, [appMain(settings, app)], port, {
    NODE_ENV: 'production',
    LOG_LEVEL: settings.logLevel,
    DATA_DIR: tempDir(app),
    ...(settings.databaseUrl ? { DATABASE_URL: await freshSchema(settings.databaseUrl) } : {}),
    ...vars,
  });
  await waitReady(child, settings.startupTimeoutMs);
  progress(`${name} ready on ${child.url}`);
  return child;
}

/** Runs one part with its children; a part that cannot start is reported and the next one runs. */
async function part(label: string, body: (started: Child[]) => Promise<void>): Promise<void> {
  progress(`--- ${label}`);
  const started: Child[] = [];
  try {
    await body(started);
  } catch (err) {
    failures.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    for (const child of started.reverse()) await stopChild(child);
  }
}

/** One of the bench's own servers (a script beside this file, run through ts-node), started and answering. */
async function startScript(settings: Settings, started: Child[], name: string, file: string, vars: Record<string, string> = {}): Promise<Child> {
  const register = require.resolve('ts-node/register/transpile-only');
  const child = startChild(name, ['-r', register, join(__dirname, file)], await freePort(), { TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json'), ...vars });
  started.push(child);
  await waitReady(child, settings.startupTimeoutMs);
  return child;
}

async function rawPart(settings: Settings): Promise<void> {
  await part('raw node:http baseline', async (started) => {
    const raw = await startScript(settings, started, 'raw node:http', 'raw-server.ts');
    await measure(settings, 'raw node:http', raw.url, RAW_CALL, { kind: 'max' }, { cpuOf: raw.proc.pid });
    await measure(settings, 'raw node:http', raw.url, RAW_CALL, { kind: 'rate', perSecond: settings.rate });
    await measure(settings, 'raw node:http', raw.url, RAW_CALL, { kind: 'paced', perSecond: settings.rate });
  });
}

/**
 * The stack floor (floor-server.ts): the bench's authenticated read answered by bare Fastify with two
 * SQLite reads and nothing of Hostgate, and the same without the reads. What the gateway's share of
 * raw node:http can be compared with: the parts it is built on cannot go faster than this here.
 */
async function floorPart(settings: Settings, creds: Credentials): Promise<void> {
  await part('stack floor: bare Fastify + SQLite (floor-server.ts)', async (started) => {
    const floor = await startScript(settings, started, 'stack floor', 'floor-server.ts', { BILLING_API_USER: creds.env.BILLING_API_USER, BILLING_API_KEY: creds.env.BILLING_API_KEY });
    await measure(settings, FLOOR_READ, floor.url, creds.calls.billing, { kind: 'max' }, { cpuOf: floor.proc.pid });
    await measure(settings, 'stack floor: Fastify + Basic auth, no reads', floor.url, { ...creds.calls.billing, path: '/auth-only' }, { kind: 'max' }, { cpuOf: floor.proc.pid });
    // What a fixed amount of CPU per request costs in share of raw here (a busy wait in raw-server.ts).
    for (const us of WORK_US) {
      const busy = await startScript(settings, started, `raw node:http + ${us} µs`, 'raw-server.ts', { WORK_US: String(us) });
      await measure(settings, workRow(us), busy.url, RAW_CALL, { kind: 'max' }, { cpuOf: busy.proc.pid });
    }
  });
}

const WORK_US = [10, 20] as const;
const workRow = (us: number): string => `raw node:http + ${us} µs of CPU per request`;

const FLOOR_READ = 'stack floor: Fastify + Basic auth + 2 SQLite reads';

async function inProcessPart(settings: Settings, creds: Credentials): Promise<void> {
  await part('gateway, every dialect in process', async (started) => {
    const gateway = await startApp(settings, 'gateway (in-process)', 'gateway', creds.env);
    started.push(gateway);
    const short = Math.max(1, Math.round(settings.duration / 2));
    // At max throughput, with the gateway's CPU per request; `seconds` defaults to the scenario time.
    const load = (scenario: string, call: Call, seconds = settings.duration): Promise<Measurement> => measure(settings, scenario, gateway.url, call, { kind: 'max' }, { seconds, cpuOf: gateway.proc.pid });
    const read = await billingReadCall(gateway.url, creds);
    await load('in-process billing users/get (authenticated read)', read);
    if (settings.pairs > 0) await pairedRounds(settings, started, gateway, read);
    await load('in-process panel v-list-users', creds.calls.panel, short);
    await load('in-process project resources', creds.calls.project, short);
    const project = await seedProject(gateway.url, creds);
    await load('in-process project get project', project.get, short);
    await load('in-process project project + actions (combined)', project.combined, short);
    await load('in-process installer users', creds.calls.installer, short);
    // The installer's own reads and checks: a user with one website, viewed, and a WordPress install dry run on it.
    const key = creds.calls.installer.headers;
    const json = { ...key, 'content-type': 'application/json' };
    const made = await fetch(`${gateway.url}/installer/users`, { method: 'POST', headers: json, body: JSON.stringify({ id: 'benchuser', email: 'bench@example.com', websites: [{ label: 'bench.example' }] }) });
    if (made.status !== 200) throw new Error(`could not create the installer bench user: ${made.status} ${await made.text()}`);
    await load('in-process installer GET /users/{id}', { method: 'GET', path: '/installer/users/benchuser', headers: key }, short);
    const dryRun = JSON.stringify({ user: 'benchuser', url: 'https://bench.example/blog/', login: 'admin123', passwd: 'password123', email: 'bench@example.com', sitetitle: 'My Blog', dryrun: 'all' });
    await load('in-process installer install dry run', { method: 'POST', path: '/installer/browser/wordpress/install', headers: json, body: dryRun }, short);
  });
}

/** Gateway share of raw node:http in each paired round of the headline read (see pairedRounds). */
const pairedShares: number[] = [];
/** Each paired round's server CPU time per request (µs, user + system), raw node:http and the gateway. */
const pairedCpu: Array<{ readonly raw: number; readonly gateway: number }> = [];

/**
 * The headline read and raw node:http measured alternately, both servers up, in rounds of half the
 * scenario time, the order swapped every round: raw node:http's figure moves with the machine from
 * minute to minute (24,000-42,000 req/s on one day), so a share taken from one run of each, minutes
 * apart, says as much about the machine as about the build. Each round's share is printed and the
 * target is judged on their median.
 */
async function pairedRounds(settings: Settings, started: Child[], gateway: Child, read: Call): Promise<void> {
  const raw = await startScript(settings, started, 'raw node:http (paired)', 'raw-server.ts');
  const seconds = Math.max(1, Math.round(settings.duration / 2));
  for (let round = 0; round < settings.pairs; round++) {
    const rawRun = (): Promise<Measurement> => measure(settings, `paired round ${round + 1}: raw node:http`, raw.url, RAW_CALL, { kind: 'max' }, { seconds, inTable: false, cpuOf: raw.proc.pid });
    const gatewayRun = (): Promise<Measurement> =>
      measure(settings, `paired round ${round + 1}: in-process billing users/get`, gateway.url, read, { kind: 'max' }, { seconds, inTable: false, cpuOf: gateway.proc.pid });
    let r: Row;
    let g: Row;
    if (round % 2 === 0) {
      r = (await rawRun()).row;
      g = (await gatewayRun()).row;
    } else {
      g = (await gatewayRun()).row;
      r = (await rawRun()).row;
    }
    if (r.reqPerSec && g.reqPerSec !== undefined) pairedShares.push((g.reqPerSec / r.reqPerSec) * 100);
    if (r.cpuUs !== undefined && g.cpuUs !== undefined) pairedCpu.push({ raw: r.cpuUs, gateway: g.cpuUs });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The billing scenarios (tools/bench/billing-scenarios.ts) on their own in-process gateway. */
async function billingPart(settings: Settings, creds: Credentials): Promise<void> {
  await part('billing scenarios, in process', async (started) => {
    const gateway = await startApp(settings, 'gateway (billing scenarios)', 'gateway', creds.env);
    started.push(gateway);
    await runBillingScenarios({
      base: gateway.url,
      billingUser: creds.env['BILLING_API_USER'],
      billingKey: creds.env['BILLING_API_KEY'],
      measure: (scenario, call) => measure(settings, scenario, gateway.url, call, { kind: 'max' }, { cpuOf: gateway.proc.pid }),
      progress,
    });
  });
}

/** Sends one setup call (not measured) and answers its JSON body; anything but 2xx stops the bench. */
async function seed(base: string, call: Call): Promise<Record<string, unknown>> {
  const res = await fetch(base + call.path, { method: call.method, headers: call.headers, body: call.body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`seeding ${call.path.split('?')[0]} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** A billing form call with the bench's API key. */
function billingForm(creds: Credentials, path: string, fields: Record<string, string>): Call {
  return { method: 'POST', path, headers: { ...creds.calls.billing.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/**
 * billing users/get of a user created through the API first, so the measured read finds and renders
 * a row (a user that does not exist answers {"response":false} after the same lookup).
 */
async function billingReadCall(base: string, creds: Credentials): Promise<Call> {
  const added = await seed(base, billingForm(creds, '/billing/api/users/add.json', { 'vars[username]': 'bench-reader', 'vars[new_password]': 'bench-reader-pass', 'vars[confirm_password]': 'bench-reader-pass' }));
  return { ...creds.calls.billing, path: `/billing/api/users/get.json?user_id=${encodeURIComponent(String(added['response']))}` };
}

/**
 * A billing client (through the billing dialect) with one project of 20 actions (through the project
 * dialect), and the two project reads measured on it: get project, and project + actions in one call.
 */
async function seedProject(base: string, creds: Credentials): Promise<{ get: Call; combined: Call }> {
  const auth = creds.calls.project.path.split('?')[1];
  const client = await seed(
    base,
    billingForm(creds, '/billing/api/clients/create.json', { 'vars[username]': 'bench', 'vars[new_password]': 'bench-pass', 'vars[first_name]': 'Bench', 'vars[last_name]': 'Mark', 'vars[email]': 'bench@example.com' }),
  );
  const clientId = (client['response'] as { id: string }).id;
  const projectCall = (chain: string, params: Record<string, unknown>): Call => ({
    method: 'POST',
    path: `/project/api.php/v1/${chain}/json?${auth}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ params: JSON.stringify(params) }).toString(),
  });
  const created = await seed(base, projectCall('projects', { client_userid: clientId, project_name: 'Benchmark' }));
  const projectId = (created['response'] as { project: { project_id: number } }).project.project_id;
  for (let i = 1; i <= 20; i++) await seed(base, projectCall('actions', { project_id: projectId, action_name: `Task ${i}`, action_priority: (i % 3) + 1 }));
  progress(`seeded project ${projectId} with 20 actions`);
  return {
    get: { method: 'GET', path: `/project/api.php/v1/projects/${projectId}/json?${auth}`, headers: {} },
    combined: { method: 'GET', path: `/project/api.php/v1/projects/${projectId}/actions/json?${auth}`, headers: {} },
  };
}

interface ForwardResults {
  /** rate: autocannon's per-second bursts; paced: evenly spaced (the targets); max: back to back. */
  direct?: { rate: Row; paced: Row; max: Row };
  forward?: { rate: Row; paced: Row; max: Row };
  connections?: ConnectionCount;
}

async function forwardPart(settings: Settings, creds: Credentials, out: ForwardResults): Promise<void> {
  await part('forward mode: gateway -> billing app', async (started) => {
    const billing = await startApp(settings, 'billing app', 'billing', creds.env);
    started.push(billing);
    const call = await billingReadCall(billing.url, creds);
    const rate: Load = { kind: 'rate', perSecond: settings.rate };

    if (settings.parts.has('forward')) {
      const gateway = await startApp(settings, 'gateway (forward billing)', 'gateway', { ...creds.env, UPSTREAM_BILLING_URL: billing.url });
      started.push(gateway);
      const paced: Load = { kind: 'paced', perSecond: settings.rate };
      const directPaced = await measure(settings, 'direct billing app users/get', billing.url, call, paced);
      const forwardPaced = await measure(settings, 'forward gateway -> billing users/get', gateway.url, call, paced);
      const directRate = await measure(settings, 'direct billing app users/get', billing.url, call, rate);
      const forwardRate = await measure(settings, 'forward gateway -> billing users/get', gateway.url, call, rate);
      const directMax = await measure(settings, 'direct billing app users/get', billing.url, call, { kind: 'max' }, { cpuOf: billing.proc.pid });
      const forwardMax = await measure(settings, 'forward gateway -> billing users/get', gateway.url, call, { kind: 'max' }, { cpuOf: gateway.proc.pid });
      out.direct = { rate: directRate.row, paced: directPaced.row, max: directMax.row };
      out.forward = { rate: forwardRate.row, paced: forwardPaced.row, max: forwardMax.row };
      await stopChild(gateway);
    }

    if (settings.parts.has('connections')) {
      // A separate gateway whose upstream is the relay, so the latency runs above carry no extra hop.
      const relay = await CountingRelay.start(Number(new URL(billing.url).port));
      try {
        const gateway = await startApp(settings, 'gateway (forward via counting relay)', 'gateway', {
          ...creds.env,
          UPSTREAM_BILLING_URL: `http://${LOOPBACK}:${relay.port}`,
        });
        started.push(gateway);
        // From a cold pool and without warm-up, so filling the pool is counted too.
        const counting: Settings = { ...settings, warmup: 0 };
        const before = relay.opened;
        const m = await measure(counting, 'forward via counting relay', gateway.url, call, rate, { seconds: Math.min(settings.duration, 5), inTable: false });
        if (m.row.error === undefined) {
          out.connections = { requests: m.responses + 1, opened: relay.opened - before, peak: relay.peak, clientConnections: settings.connections };
        }
      } finally {
        await relay.close();
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Report

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ms = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(2));
const signedMs = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(2)} ms`;

function printTable(raw: Row | undefined): void {
  const header = ['scenario', 'load', 'req/s', 'p50 ms', 'p99 ms', '% of raw', 'cpu µs', 'note'];
  const lines = rows
    .filter((r) => r.inTable)
    .map((r) => {
      if (r.error !== undefined) return [r.scenario, loadLabel(r.load), 'ERROR', '-', '-', '-', '-', 'see errors below'];
      const ratio = r.load.kind === 'max' && raw?.reqPerSec && r.reqPerSec !== undefined ? `${((r.reqPerSec / raw.reqPerSec) * 100).toFixed(1)}%` : '-';
      return [r.scenario, loadLabel(r.load), integer.format(r.reqPerSec ?? 0), ms(r.p50), ms(r.p99), ratio, r.cpuUs === undefined ? '-' : r.cpuUs.toFixed(0), r.note ?? ''];
    });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const right = new Set([2, 3, 4, 5, 6]);
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

type Verdict = 'PASS' | 'MISS' | 'n/a ';

function target(verdict: Verdict, what: string, value: string): void {
  console.log(`  ${verdict}  ${what.padEnd(58)} ${value}`);
}

function printReport(settings: Settings, fwd: ForwardResults, panelLines: readonly string[]): void {
  const raw = rows.find((r) => r.scenario === 'raw node:http' && r.load.kind === 'max' && r.error === undefined);
  const headline = rows.find((r) => r.scenario.startsWith('in-process billing') && r.error === undefined);
  console.log('');
  console.log(`Hostgate bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), load generator on the same machine`);
  console.log(`${settings.duration} s per scenario (secondary in-process calls half), ${settings.warmup} s warm-up, ${settings.connections} connections, fixed rate ${settings.rate}/s`);
  console.log(`database: ${settings.databaseUrl ? `PostgreSQL (BENCH_DATABASE_URL, ${new URL(settings.databaseUrl).host}; the targets are set for SQLite)` : 'embedded SQLite'}`);
  if (rows.some((r) => r.inTable)) {
    console.log('');
    printTable(raw);
  }

  const ok = (r: Row | undefined): r is Row & { p50: number; p99: number; reqPerSec: number } => r !== undefined && r.error === undefined && r.p50 !== undefined;
  const added = (load: 'rate' | 'paced', p: 'p50' | 'p99'): number | undefined => {
    const f = fwd.forward?.[load];
    const d = fwd.direct?.[load];
    return ok(f) && ok(d) ? f[p] - d[p] : undefined;
  };
  // The targets are judged on the evenly spaced load; the bursts are printed beside them.
  const addedP50 = added('paced', 'p50');
  const addedP99 = added('paced', 'p99');
  const burstP50 = added('rate', 'p50');
  const burstP99 = added('rate', 'p99');

  if (settings.parts.has('forward') || settings.parts.has('connections')) {
    console.log('');
    console.log('Forward mode (billing users/get through the gateway vs straight at the billing app)');
    if (addedP50 !== undefined && addedP99 !== undefined) {
      console.log(`  added latency at ${settings.rate}/s evenly spaced: p50 ${signedMs(addedP50)}, p99 ${signedMs(addedP99)}`);
      if (burstP50 !== undefined && burstP99 !== undefined) console.log(`  added latency at ${settings.rate}/s in per-second bursts: p50 ${signedMs(burstP50)}, p99 ${signedMs(burstP99)}`);
    } else if (settings.parts.has('forward')) {
      console.log('  added latency: not measured (see errors)');
    }
    if (ok(fwd.forward?.max) && ok(fwd.direct?.max)) {
      const share = (fwd.forward.max.reqPerSec / fwd.direct.max.reqPerSec) * 100;
      console.log(`  max throughput: forward ${integer.format(fwd.forward.max.reqPerSec)} req/s vs direct ${integer.format(fwd.direct.max.reqPerSec)} req/s (${share.toFixed(1)}%)`);
    }
    const c = fwd.connections;
    if (c) {
      console.log(
        `  upstream connections opened: ${c.opened} during ${integer.format(c.requests)} forwarded requests (${(c.opened / Math.max(1, c.requests)).toFixed(4)} per request), at most ${c.peak} open at once`,
      );
    } else if (settings.parts.has('connections')) {
      console.log('  upstream connections: not measured (see errors)');
    }
  }

  if (panelLines.length > 0) {
    console.log('');
    for (const line of panelLines) console.log(line);
  }

  console.log('');
  console.log('Targets (information only: the exit code does not depend on them)');
  if (settings.parts.has('inprocess')) {
    const single = headline?.reqPerSec !== undefined && raw?.reqPerSec ? (headline.reqPerSec / raw.reqPerSec) * 100 : undefined;
    // Judged on the median of the paired rounds when they ran; on the table's two rows otherwise.
    const share = pairedShares.length > 0 ? median(pairedShares) : single;
    const how = pairedShares.length > 0 ? ` (median of ${pairedShares.length} paired rounds)` : '';
    target(share === undefined ? 'n/a ' : share >= 40 ? 'PASS' : 'MISS', 'in-process authenticated read >= 40% of raw node:http', share === undefined ? 'not measured' : `${share.toFixed(1)}%${how}`);
    if (pairedShares.length > 0) {
      const each = pairedShares.map((s) => `${s.toFixed(1)}%`).join(', ');
      console.log(`        (paired rounds, raw node:http and the gateway alternating: ${each}; the table's rows, minutes apart: ${single === undefined ? 'n/a' : `${single.toFixed(1)}%`})`);
    }
    if (pairedCpu.length > 0) {
      const each = pairedCpu.map((c) => `${c.raw.toFixed(0)} / ${c.gateway.toFixed(0)} µs`).join(', ');
      const ratio = median(pairedCpu.map((c) => (c.raw / c.gateway) * 100));
      console.log(`        (server CPU per request in those rounds, raw node:http / gateway: ${each}; raw's CPU is ${ratio.toFixed(1)}% of the gateway's, median)`);
    }
    const floor = rows.find((r) => r.scenario === FLOOR_READ && r.error === undefined);
    if (floor?.reqPerSec !== undefined && headline?.reqPerSec !== undefined && raw?.reqPerSec) {
      const ofFloor = ((headline.reqPerSec / floor.reqPerSec) * 100).toFixed(1);
      console.log(`        (the stack floor, bare Fastify + 2 SQLite reads, served ${((floor.reqPerSec / raw.reqPerSec) * 100).toFixed(1)}% of raw; the gateway ${ofFloor}% of the floor)`);
    }
    const budget = WORK_US.map((us) => ({ us, row: rows.find((r) => r.scenario === workRow(us) && r.error === undefined) }));
    if (raw?.reqPerSec && budget.every((b) => b.row?.reqPerSec !== undefined)) {
      const shares = budget.map((b) => `+${b.us} µs: ${(((b.row?.reqPerSec ?? 0) / (raw.reqPerSec ?? 1)) * 100).toFixed(1)}%`).join(', ');
      console.log(`        (raw node:http with a busy wait added to each answer served ${shares} of raw)`);
    }
  }
  if (settings.parts.has('forward')) {
    target(addedP50 === undefined ? 'n/a ' : addedP50 <= 1.5 ? 'PASS' : 'MISS', `forward adds <= 1.5 ms p50 at ${settings.rate}/s evenly spaced`, addedP50 === undefined ? 'not measured' : signedMs(addedP50));
    target(addedP99 === undefined ? 'n/a ' : addedP99 <= 4 ? 'PASS' : 'MISS', `forward adds <= 4 ms p99 at ${settings.rate}/s evenly spaced`, addedP99 === undefined ? 'not measured' : signedMs(addedP99));
  }
  if (settings.parts.has('connections')) {
    const c = fwd.connections;
    target(
      c === undefined ? 'n/a ' : c.opened <= c.clientConnections ? 'PASS' : 'MISS',
      `no new upstream connection per request (<= ${settings.connections} opened)`,
      c === undefined ? 'not measured' : `${c.opened} opened for ${integer.format(c.requests)} requests`,
    );
  }

  if (settings.parts.has('billing')) {
    for (const t of BILLING_TARGETS) {
      const row = rows.find((r) => r.scenario === t.scenario && r.error === undefined);
      const share = row?.reqPerSec !== undefined && raw?.reqPerSec ? (row.reqPerSec / raw.reqPerSec) * 100 : undefined;
      target(share === undefined ? 'n/a ' : share >= t.minPercent ? 'PASS' : 'MISS', t.what, share === undefined ? 'not measured' : `${share.toFixed(1)}%`);
    }
  }

  if (!settings.parts.has('inprocess') && !settings.parts.has('forward') && !settings.parts.has('connections') && !settings.parts.has('billing') && !settings.parts.has('panel')) {
    console.log('  (none for the parts run)');
  }

  if (failures.length > 0) {
    console.log('');
    console.log('Errors (nothing is reported for these; fix them and run again)');
    for (const f of failures) console.log(`  - ${f.replace(/\n/g, '\n    ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const settings = readSettings();
  const creds = makeCredentials();
  const fwd: ForwardResults = {};

  if (settings.parts.has('raw')) await rawPart(settings);
  if (settings.parts.has('floor')) await floorPart(settings, creds);
  if (settings.parts.has('inprocess')) await inProcessPart(settings, creds);
  if (settings.parts.has('forward') || settings.parts.has('connections')) await forwardPart(settings, creds, fwd);
  if (settings.parts.has('billing')) await billingPart(settings, creds);
  let panelLines: string[] = [];
  if (settings.parts.has('panel')) {
    await part('panel: v-list-user json and v-add-web-domain (panel-scenarios.ts)', async (started) => {
      panelLines = await panelScenarios({
        rate: settings.rate,
        admin: { user: creds.env.PANEL_ADMIN_USER, password: creds.env.PANEL_ADMIN_PASSWORD },
        startGateway: async () => {
          const gateway = await startApp(settings, 'gateway (panel)', 'gateway', creds.env);
          started.push(gateway);
          return gateway.url;
        },
        measureAtRate: async (scenario, base, call, paced) => (await measure(settings, scenario, base, call, { kind: paced ? 'paced' : 'rate', perSecond: settings.rate })).row,
        rawAtRate: (paced) => rows.find((r) => r.scenario === 'raw node:http' && r.load.kind === (paced ? 'paced' : 'rate') && r.error === undefined),
      });
    });
  }

  printReport(settings, fwd, panelLines);
  console.log(`\n(${((Date.now() - STARTED) / 1000).toFixed(0)} s in all)`);
  killAllNow();
  await dropSchemas(settings.databaseUrl).catch((e: unknown) => console.error(`could not drop the bench schemas: ${e instanceof Error ? e.message : String(e)}`));
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    killAllNow();
    removeTempDirs();
    process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    killAllNow();
    removeTempDirs();
    process.exit(1);
  },
);
