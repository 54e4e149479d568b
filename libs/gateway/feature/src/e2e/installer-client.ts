import { call, CREDS, type TestGateway } from './test-gateway';

export interface Envelope<T = unknown> {
  result: boolean;
  status: number;
  errcode: string | null;
  errfield: string | null;
  message: string;
  data: T;
  total_count?: number;
  has_more?: boolean;
}

/** One Installatron v2 call with a JSON body (GET/DELETE parameters in the query), as the seed's curl examples. */
export async function installer<T = unknown>(gw: TestGateway, method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, unknown> = {}, key: string = CREDS.installerKey): Promise<{ status: number; body: Envelope<T> }> {
  const headers: Record<string, string> = { 'x-api-key': key, accept: 'application/json' };
  let url = `${gw.url}/installer${path}`;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  } else if (Object.keys(params).length > 0) {
    url += `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  }
  const r = await call(url, { method, headers, body });
  const parsed = JSON.parse(r.body) as Envelope<T>;
  // The HTTP status always equals the envelope's.
  if (parsed.status !== r.status) throw new Error(`status ${r.status} but envelope says ${parsed.status}: ${r.body}`);
  return { status: r.status, body: parsed };
}

/** Polls GET /tasks/{id} until the job has ended. */
export async function waitForTask(gw: TestGateway, id: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await installer<Record<string, unknown>>(gw, 'GET', `/tasks/${id}`);
    if (r.body.data['status'] === 'completed' || r.body.data['status'] === 'failed') return r.body.data;
    if (Date.now() > deadline) throw new Error(`task ${id} still ${String(r.body.data['status'])}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}
