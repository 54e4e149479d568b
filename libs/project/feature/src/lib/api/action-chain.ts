export type ProjectFormat = 'json' | 'xml';

export interface ActionChain {
  readonly version: string;
  /** The keys between version and format, e.g. ["projects", "100", "actions"]. */
  readonly keys: readonly string[];
  readonly format: ProjectFormat;
  /** "projects/100/actions", as the request block reports it. */
  readonly action: string;
}

export type ChainResult = { readonly ok: true; readonly chain: ActionChain } | { readonly ok: false; readonly format: ProjectFormat; readonly action: string; readonly problem: string };

const PREFIX = /^(?:\/modules\/addons\/wbteampro)?\/(?:api\.php|api)(?:\/(.*))?$/;

/** A path key; a malformed escape stays as written (and then fails as an unknown key). */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/**
 * The resource action chain, from the clean URL (/api.php/v1/projects/100/json, /api/v1/...) or from
 * the action parameter (v1.projects.100.json): version first, format last.
 */
export function parseActionChain(pathAfterPrefix: string, actionParam: string | undefined): ChainResult {
  const m = PREFIX.exec(pathAfterPrefix.split('?')[0]);
  const fromPath = m?.[1] ? m[1].split('/').filter(Boolean).map(decodeKey) : [];
  const keys = fromPath.length > 0 ? fromPath : (actionParam ?? '').split('.').filter(Boolean);
  const last = keys[keys.length - 1]?.toLowerCase();
  const format: ProjectFormat = last === 'xml' ? 'xml' : 'json';
  const action = keys.slice(1, last === 'json' || last === 'xml' ? -1 : undefined).join('/');
  if (keys.length < 3) return { ok: false, format, action, problem: 'Request Invalid or Bad Format' };
  if (last !== 'json' && last !== 'xml') return { ok: false, format, action, problem: 'Request Invalid or Bad Format' };
  if (!/^v\d+$/.test(keys[0])) return { ok: false, format, action, problem: 'Request Invalid or Bad Format' };
  return { ok: true, chain: { version: keys[0], keys: keys.slice(1, -1), format, action } };
}
