import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE } from './processes';

export interface GeneratedClient {
  /** The generated module directory; import `${dir}/sdk.gen` and `${dir}/client.gen` from it. */
  readonly dir: string;
  dispose(): void;
}

/**
 * Generates a TypeScript SDK from an OpenAPI document with @hey-api/openapi-ts (fetch client), the
 * way an integrator would, into the workspace's git-ignored tmp/ so ts-jest compiles it like any
 * test file. Throws with the generator's output when it rejects the document.
 */
export function generateClient(name: string, document: unknown): GeneratedClient {
  const root = join(WORKSPACE, 'tmp', 'generated-clients');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, `${name}-`));
  const input = join(dir, 'openapi.json');
  writeFileSync(input, JSON.stringify(document));
  const out = join(dir, 'client');
  const cli = join(WORKSPACE, 'node_modules/@hey-api/openapi-ts/bin/run.js');
  const run = spawnSync(process.execPath, [cli, '-i', input, '-o', out, '-c', '@hey-api/client-fetch'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (run.status !== 0) throw new Error(`openapi-ts failed for ${name} (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { dir: out, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The subset of a generated fetch client's configuration a test touches. */
export interface GeneratedFetchClient {
  setConfig(config: { baseUrl?: string; headers?: Record<string, string>; fetch?: typeof fetch }): unknown;
}

/** What every generated operation answers (throwOnError off). */
export interface GeneratedResult<T = unknown> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** Loads the generated SDK: its operations by name and the shared fetch client. */
export async function loadClient<Ops>(generated: GeneratedClient): Promise<{ sdk: Ops; client: GeneratedFetchClient }> {
  const sdk = (await import(join(generated.dir, 'sdk.gen'))) as Ops;
  const { client } = (await import(join(generated.dir, 'client.gen'))) as { client: GeneratedFetchClient };
  return { sdk, client };
}
