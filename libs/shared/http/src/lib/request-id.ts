import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token, else a fresh UUID. */
export function requestIdFor(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers['x-request-id'];
  const id = Array.isArray(given) ? given[0] : given;
  return id && SAFE_ID.test(id) ? id : randomUUID();
}
