#!/usr/bin/env node
// The whole suite, as `npm test` and CI run it: build the apps (the forward-mode tests start them as
// separate processes), then every test on the embedded SQLite database and again on PostgreSQL.
// Ends with one line: "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_URL = process.env.HOSTGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const extraArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function pgReady() {
  return spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432'], { stdio: 'ignore' }).status === 0;
}

function ensurePostgres() {
  if (pgReady()) return true;
  console.log('PostgreSQL is not running; starting it');
  try {
    for (const version of readdirVersions()) {
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    }
  } catch (e) {
    console.error(`could not start PostgreSQL: ${e.message}`);
  }
  for (let i = 0; i < 30 && !pgReady(); i++) execFileSync('sleep', ['1']);
  return pgReady();
}

function readdirVersions() {
  const out = spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.split(/\s+/).filter(Boolean) : [];
}

function jest(label, env) {
  const dir = mkdtempSync(join(tmpdir(), 'hostgate-jest-'));
  const report = join(dir, 'report.json');
  console.log(`\n=== tests on ${label} ===`);
  const status = run('npx', ['jest', '--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`, ...extraArgs], env);
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    if (r.numTotalTests === 0) totals.failed += 1;
    console.log(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  } catch {
    totals.failed += 1;
    console.log(`${label}: the test run did not complete (exit ${status})`);
  }
  rmSync(dir, { recursive: true, force: true });
  if (status !== 0 && totals.failed === 0) totals.failed += 1;
}

if (run('npx', ['nx', 'run-many', '-t', 'build', '--projects=gateway,billing,panel,project,installer', '--output-style=static']) !== 0) {
  console.log('\nbuild failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

jest('SQLite', { HOSTGATE_TEST_DATABASE_URL: '' });
if (ensurePostgres()) {
  jest('PostgreSQL', { HOSTGATE_TEST_DATABASE_URL: PG_URL });
} else {
  console.log('PostgreSQL could not be started: the PostgreSQL run counts as failed');
  totals.failed += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
