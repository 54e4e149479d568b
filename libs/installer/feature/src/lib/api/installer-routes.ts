/** One parameter of an endpoint: drives reading, validation messages and the OpenAPI document. */
export interface RouteParam {
  readonly name: string;
  readonly in: 'path' | 'input';
  readonly type: 'string' | 'integer' | 'boolean' | 'array' | 'object';
  readonly required?: boolean;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly default?: string | number | boolean;
}

/** What a handler answers: the envelope's data, plus list metadata or a non-null success errcode. */
export interface RouteAnswer {
  readonly data: unknown;
  readonly list?: { readonly total: number; readonly offset: number; readonly count: number };
  /** complete_dryrun for a dry run. */
  readonly errcode?: string;
}

export interface RouteCall {
  readonly path: Readonly<Record<string, string>>;
  readonly input: Readonly<Record<string, unknown>>;
  /** Scheme, host and port clients reach the gateway at, for login links. */
  readonly publicBase: string;
}

/** One Installatron endpoint: routing, the CLI, v1 and the OpenAPI document all read this table. */
export interface InstallerRoute {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** With {name} placeholders, e.g. /browser/{id}/install. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description: string;
  readonly params: readonly RouteParam[];
  /** data is an array with total_count and has_more. */
  readonly list?: boolean;
  /** Documented failures: [HTTP status, errcode]. */
  readonly errors: ReadonlyArray<readonly [number, string]>;
  /** What data holds on success, as an OpenAPI schema. */
  readonly dataSchema: Record<string, unknown>;
  handle(call: RouteCall): Promise<RouteAnswer>;
}

export type RouteMatch = { readonly kind: 'route'; readonly route: InstallerRoute; readonly path: Record<string, string> } | { readonly kind: 'method_not_allowed' } | { readonly kind: 'not_found' };

/** Finds the route for a method and a path below the dialect prefix. */
export function matchRoute(routes: readonly InstallerRoute[], method: string, path: string): RouteMatch {
  // Leading and trailing slashes go (/users/ is the list); an empty segment inside stays, so
  // /users//login names the user '' rather than the user "login".
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i];
      if (p.startsWith('{')) {
        try {
          params[p.slice(1, -1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
        }
      } else ok = p === parts[i];
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { kind: 'route', route, path: params };
  }
  return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
}
