import { resolve, sep } from 'node:path';
import { DomainError } from '@hostgate/shared/errors';

export interface InstallLocation {
  /** The URL as shown: scheme, lower-case host, path, no trailing slash. */
  readonly url: string;
  readonly scheme: 'http' | 'https';
  /** Lower-case host as typed (may be a www. alias). */
  readonly host: string;
  /** Path below the document root without edge slashes; '' for the root. */
  readonly path: string;
}

/** One path segment a site may live in: no dot-only names, no separators, nothing a shell or URL would reinterpret. */
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,63}$/;

/**
 * Reads Installatron's `url` argument ("https://website.com/blog/"). Anything that is not a plain
 * http(s) URL of a host name and safe path segments is invalid_argument_url; `..` can never reach
 * the file system.
 */
export function parseInstallUrl(raw: string): InstallLocation {
  const bad = (): DomainError => DomainError.invalid('url', raw, 'The url is not valid.');
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad();
  if (u.username || u.password || u.search || u.hash || u.port) throw bad();
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  // A host name with a letter in its last label: sites live on web domains, not bare IP addresses.
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]([a-z0-9-]*[a-z0-9])?$/.test(host)) throw bad();
  // The raw text, not URL's normalised pathname: URL would quietly resolve "/a/../b".
  const rawPath = raw.trim().replace(/^[a-z]+:\/\/[^/]*/i, '');
  const segments = rawPath.split('/').filter((s) => s !== '');
  if (segments.some((s) => !SEGMENT.test(s))) throw bad();
  const path = segments.join('/');
  return { url: `${u.protocol}//${host}${path ? `/${path}` : ''}`, scheme: u.protocol === 'https:' ? 'https' : 'http', host, path };
}

/** The uniqueness key of a location: one install per host and path, whatever the scheme. */
export function locationKey(domain: string, path: string): string {
  return `${domain}/${path}`;
}

/** Joins parts below a root and refuses anything that would land outside it. */
export function safeJoin(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const full = resolve(base, ...parts);
  if (full !== base && !full.startsWith(base + sep)) throw new Error(`path escapes ${base}`);
  return full;
}
