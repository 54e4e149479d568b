import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, CREDS, form, type Reply, type TestGateway } from './test-gateway';

/** The panel's ROOT_USER in legacy password mode, as the seed's PHP and NodeJS examples sign in. */
export const ROOT = { user: CREDS.panelUser, password: CREDS.panelPassword } as const;

/** arg1..argN for the given values, in order. */
export function argsOf(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v, i) => [`arg${i + 1}`, v]));
}

/** One Hestia API call: POST form to /panel/api/ with the given auth fields (the root user by default). */
export function hestia(gw: TestGateway, cmd: string, args: readonly string[] = [], auth: Record<string, string> = ROOT, extra: Record<string, string> = {}): Promise<Reply> {
  return call(`${gw.url}/panel/api/`, form({ ...auth, cmd, ...argsOf(args), ...extra }));
}

/** The bare exit code (returncode=yes), as the seed's examples read it. */
export async function exitCode(gw: TestGateway, cmd: string, args: readonly string[] = [], auth: Record<string, string> = ROOT): Promise<string> {
  return (await hestia(gw, cmd, args, auth, { returncode: 'yes' })).body;
}

/** A full-admin access key (created through the gateway's admin API) as `hash` = ACCESS:SECRET. */
export async function adminAccessKey(gw: TestGateway, owner: string = CREDS.panelUser, permissions: readonly string[] = []): Promise<{ id: string; secret: string }> {
  const r = await call(`${gw.url}/admin/credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CREDS.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'panel_access_key', owner, permissions }),
  });
  const created = JSON.parse(r.body) as { credential: { identifier: string }; secret: string };
  return { id: created.credential.identifier, secret: created.secret };
}

/** Golden list outputs live beside the panel's formatters; dates and times are masked, being the server's clock. */
const GOLDEN_DIR = join(__dirname, '..', '..', '..', '..', 'panel', 'feature', 'src', 'lib', 'commands', '__golden__', 'e2e');

export function maskClock(text: string): string {
  return text
    .replace(/\b\d{4}-\d\d-\d\d\b/g, 'YYYY-MM-DD')
    .replace(/\b\d\d:\d\d:\d\d\b/g, 'HH:MM:SS')
    .replace(/\b20\d{6}01\b/g, 'YYYYMMDD01');
}

export function e2eGolden(name: string, actual: string): string {
  const file = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`);
  return readFileSync(file, 'utf8');
}

/** Hestia's JSON lists hold objects of objects whose every value is a string ("0", "yes", "unlimited", ""). */
export function expectAllStrings(json: string): void {
  const data = JSON.parse(json) as Record<string, Record<string, unknown>>;
  for (const [name, fields] of Object.entries(data)) {
    for (const [key, value] of Object.entries(fields)) expect({ name, key, type: typeof value }).toEqual({ name, key, type: 'string' });
  }
}
