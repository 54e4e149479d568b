/** The parts of an HTTP request the strategies read (Fastify's request satisfies it). */
export interface AuthRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
  readonly query?: unknown;
  readonly ip: string;
}

export function header(req: AuthRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar field as a string: PHP reads every form value as a string. */
export function field(source: unknown, name: string): string | undefined {
  if (!isRecord(source)) return undefined;
  const v = source[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
