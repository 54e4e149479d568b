import { DomainError } from '@hostgate/shared/errors';
import { type InstallatronBody } from './installatron-envelope';
import { str } from './installer-input';

/** The v1 (Automation API) commands and the v2 call each one is. */
const V1: Record<string, (input: Readonly<Record<string, unknown>>) => { method: string; path: string }> = {
  install: (i) => ({ method: 'POST', path: `/browser/${enc(str(i, 'application') ?? str(i, 'installer'), 'application')}/install` }),
  uninstall: (i) => ({ method: 'DELETE', path: `/installs/${enc(str(i, 'id'), 'id')}` }),
  edit: (i) => ({ method: 'POST', path: `/installs/${enc(str(i, 'id'), 'id')}` }),
  update: (i) => ({ method: 'POST', path: `/installs/${enc(str(i, 'id'), 'id')}/update` }),
  backup: (i) => ({ method: 'POST', path: `/installs/${enc(str(i, 'id'), 'id')}/backup` }),
  restore: (i) => ({ method: 'POST', path: `/installs/${enc(str(i, 'id'), 'id')}/restore` }),
  installs: (i) => (str(i, 'id') ? { method: 'GET', path: `/installs/${enc(str(i, 'id'), 'id')}` } : { method: 'GET', path: '/installs' }),
  browser: (i) => (str(i, 'application') ? { method: 'GET', path: `/browser/${enc(str(i, 'application'), 'application')}` } : { method: 'GET', path: '/browser' }),
  user: (i) => ({ method: 'POST', path: `/users/${enc(str(i, 'user') ?? str(i, 'id'), 'user')}` }),
  users: () => ({ method: 'GET', path: '/users' }),
  guixfer: (i) => ({ method: 'POST', path: `/users/${enc(str(i, 'user'), 'user')}/login` }),
  tasks: (i) => (str(i, 'task') ? { method: 'GET', path: `/tasks/${enc(str(i, 'task'), 'task')}` } : { method: 'GET', path: '/tasks' }),
};

export const V1_COMMANDS = Object.keys(V1);

function enc(v: string | undefined, field: string): string {
  if (!v) throw DomainError.missing(field);
  return encodeURIComponent(v);
}

/** The v2 call a v1 `cmd=` request stands for; unknown commands are the v2 "not recognized". */
export function v1Call(input: Readonly<Record<string, unknown>>): { method: string; path: string } | undefined {
  const cmd = str(input, 'cmd') ?? '';
  const map = Object.hasOwn(V1, cmd) ? V1[cmd] : undefined;
  if (!map) return undefined;
  // v1 named the install's user `user` and, for a user edit, the websites key the same as v2.
  return map(input);
}

/** v1 input names that v2 renamed. */
export function v1Input(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (out['background'] === 'yes' || out['background'] === 'no') out['background'] = out['background'] === 'yes';
  if (str(input, 'cmd') === 'user' && out['id'] === undefined) out['id'] = out['user'];
  return out;
}

/**
 * The v1 envelope: `result`, `message`, `data`, plus `task` when the job was backgrounded. v1
 * answered every call with HTTP 200; clients test `result` (inferred from the v1 clients).
 */
export function v1Body(v2: InstallatronBody): Record<string, unknown> {
  const data = v2.data as { task?: unknown } | null;
  const queued = v2.result && typeof data === 'object' && data !== null && 'task' in data && !Array.isArray(data);
  return { result: v2.result, message: v2.message, data: v2.data, ...(queued ? { task: data.task } : {}), ...(v2.result ? {} : { errcode: v2.errcode }) };
}
