// The stack floor for tools/bench/bench.ts: what an authenticated read costs on the parts Hostgate
// is built on, with none of Hostgate in the way. Bare Fastify (no Nest, no logger, no hooks), HTTP
// Basic checked against a SHA-256 digest in constant time, and two primary-key reads on a SQLite
// file in WAL mode (a setting, as the billing maintenance flag is read, and a user row) through
// prepared better-sqlite3 statements, rendered with JSON.stringify. The connection holds SQLite's
// locks for the whole run (locking_mode EXCLUSIVE), so a read makes no system call: a best case a
// deployment cannot use, as the CLI opens the same file. A second route skips the reads, to show
// what Fastify and the auth check alone cost.
//
// It answers the bench's billing users/get call, so the same load runs against it and the gateway.
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

const port = Number(process.env['PORT'] ?? '3000');
const host = process.env['HOST'] ?? '127.0.0.1';
const expected = createHash('sha256')
  .update(`${process.env['BILLING_API_USER'] ?? ''}:${process.env['BILLING_API_KEY'] ?? ''}`)
  .digest();

const dir = mkdtempSync(join(tmpdir(), 'hostgate-floor-'));
const db = new Database(join(dir, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('locking_mode = EXCLUSIVE');
db.exec(`
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL, two_factor_mode TEXT NOT NULL, date_added TEXT NOT NULL);
  INSERT INTO settings VALUES ('maintenance', 'false');
`);
db.prepare("INSERT INTO users (username, two_factor_mode, date_added) VALUES ('bench-reader', 'none', '2026-01-01 00:00:00')").run();
const maintenance = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
const user = db.prepare<[number], Record<string, unknown>>('SELECT id, username, two_factor_mode, date_added FROM users WHERE id = ?');

function authorized(req: FastifyRequest): boolean {
  const header = req.headers.authorization;
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const given = createHash('sha256').update(Buffer.from(header.slice(6), 'base64')).digest();
  return timingSafeEqual(given, expected);
}

const json = (reply: FastifyReply, status: number, body: unknown): FastifyReply => reply.code(status).type('application/json').send(JSON.stringify(body));

const app = Fastify({ logger: false });
app.get<{ Querystring: { user_id?: string } }>('/billing/api/users/get.json', async (req, reply) => {
  if (!authorized(req)) return json(reply, 401, { message: 'The authorization details given appear to be invalid.', response: null });
  if (maintenance.get('maintenance')?.value === 'true') return json(reply, 503, { message: 'maintenance', response: null });
  const row = user.get(Number(req.query.user_id));
  return json(reply, 200, { response: row ? { ...row, id: String(row['id']) } : false });
});
app.get('/health', async (_req, reply) => json(reply, 200, { status: 'ok' }));
app.get('/health/ready', async (_req, reply) => json(reply, 200, { status: 'ok', database: db.prepare('SELECT 1 AS up').get() ? 'up' : 'down' }));
app.get('/auth-only', async (req, reply) => (authorized(req) ? json(reply, 200, { response: true }) : json(reply, 401, { response: null })));

const stop = (): void => {
  void app.close().finally(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

app.listen({ port, host }).then(
  () => console.log(`stack floor listening on http://${host}:${port}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
