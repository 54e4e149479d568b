import { SupportTicketsService } from '@hostgate/domain';
import { basic, call, CREDS, md5, type Reply, type TestGateway } from './test-gateway';

/** The administrator every test gateway is bootstrapped with, as the Remote API expects: MD5 password. */
export const PM = { username: CREDS.projectUser, password: md5(CREDS.projectPassword) } as const;
export const AUTH = `username=${PM.username}&password=${PM.password}`;

export interface Envelope<R = Record<string, unknown>> {
  readonly request: { action: string; method: string; format: string; code: number; message: string };
  readonly response: R & { data?: { total: number; page: number; pages: number; limit: number; offset: number; filters: Record<string, unknown> } };
}

export interface ApiReply<R = Record<string, unknown>> extends Reply {
  readonly json: Envelope<R>;
}

/**
 * One Remote API call on the clean-URL form: GET with everything in the query, or the verb given
 * with `params` as a JSON string in a form body, the way the known client sends them.
 */
export async function wb<R = Record<string, Record<string, unknown>>>(gw: TestGateway, method: string, chain: string, params?: Record<string, unknown>): Promise<ApiReply<R>> {
  const url = `${gw.url}/project/api.php/v1/${chain}/json`;
  const p = params ? `&params=${encodeURIComponent(JSON.stringify(params))}` : '';
  const r =
    method === 'GET'
      ? await call(`${url}?${AUTH}${p}`)
      : await call(`${url}?${AUTH}`, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params ? `params=${encodeURIComponent(JSON.stringify(params))}` : '' });
  let json: Envelope<R>;
  try {
    json = JSON.parse(r.body) as Envelope<R>;
  } catch {
    throw new Error(`not JSON (${r.status}): ${r.body.slice(0, 200)}`);
  }
  return { ...r, json };
}

/** A billing client made through the billing dialect, as an operator's billing system would. */
export async function billingClient(gw: TestGateway, username: string): Promise<number> {
  const pairs = [`vars[username]=${username}`, 'vars[new_password]=secret-1', 'vars[confirm_password]=secret-1', 'vars[first_name]=Ann', 'vars[last_name]=Lee', `vars[email]=${username}@example.com`, 'vars[country]=us'];
  const r = await call(`${gw.url}/billing/api/clients/create.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(CREDS.billingUser, CREDS.billingKey) },
    body: pairs.map((p) => p.split('=').map(encodeURIComponent).join('=')).join('&'),
  });
  if (r.status !== 200) throw new Error(`billing client: ${r.status} ${r.body}`);
  return Number((JSON.parse(r.body) as { response: { id: string } }).response.id);
}

/** Support tickets have no create action in the Remote API; they come from the shared support store. */
export async function supportTicket(gw: TestGateway, clientId: number, subject = 'Help'): Promise<number> {
  const t = await gw.app.get(SupportTicketsService, { strict: false }).create({ clientId, subject, message: 'Please help' });
  return t.id;
}
