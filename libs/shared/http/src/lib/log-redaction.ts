/**
 * Paths the structured logger must never print. Request logging records method, URL and status,
 * and the URL's query is reduced to its keys: the panel and project dialects carry passwords in it.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["blesta-api-key"]',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
];

const SECRET_KEYS = /^(password|pass|passwd|hash|key|key2|secret_key|access_key|token|access_token|api_key|new_password|confirm_password|params)$/i;

/** The URL as it may appear in a log line: values of secret-bearing query keys masked. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (SECRET_KEYS.test(k.replace(/\[.*$/, ''))) params.set(k, '[REDACTED]');
  return `${url.slice(0, q)}?${params.toString()}`;
}
