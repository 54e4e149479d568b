import { type OpenAPIObject } from '@nestjs/swagger';
import { type InstallerRoute, type RouteParam } from './installer-routes';

type Schema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 413: 'Body too large', 415: 'Unsupported media type', 500: 'Server-side failure' };

const ENVELOPE = {
  result: { type: 'boolean', description: 'Whether the call succeeded' },
  status: { type: 'integer', description: 'The HTTP status, repeated' },
  errcode: { type: 'string', nullable: true, description: 'Why it failed (null on success; complete_dryrun after a dry run)' },
  errfield: { type: 'string', nullable: true, description: 'The input field at fault, if any' },
  message: { type: 'string', description: 'Human text; do not rely on it' },
};

function paramSchema(p: RouteParam): Schema {
  const base: Schema =
    p.type === 'array' ? { type: 'array', items: { type: 'object', additionalProperties: true } } : p.type === 'object' ? { type: 'object', additionalProperties: true } : { type: p.type };
  return { ...base, ...(p.enum ? { enum: [...p.enum] } : {}), ...(p.default !== undefined ? { default: p.default } : {}), description: p.description };
}

/** The success envelope with `data` of the route's shape (and the list fields for lists). */
function okSchema(r: InstallerRoute): Schema {
  return {
    type: 'object',
    required: ['result', 'status', 'errcode', 'errfield', 'message', 'data', ...(r.list ? ['total_count', 'has_more'] : [])],
    properties: {
      ...ENVELOPE,
      data: r.dataSchema,
      ...(r.list ? { total_count: { type: 'integer', description: 'Entries in the full result set' }, has_more: { type: 'boolean', description: 'Whether entries follow this page' } } : {}),
    },
  };
}

function operation(r: InstallerRoute): Schema {
  const inQuery = r.method !== 'POST';
  const inputs = r.params.filter((p) => p.in === 'input');
  const parameters: Schema[] = r.params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, in: 'path', required: true, schema: paramSchema(p), description: p.description }));
  if (inQuery) {
    for (const p of inputs) {
      if (p.type === 'array' || p.type === 'object') continue;
      parameters.push({ name: p.name, in: 'query', required: p.required ?? false, schema: paramSchema(p), description: p.description });
    }
  }
  const bodySchema: Schema = {
    type: 'object',
    properties: Object.fromEntries(inputs.map((p) => [p.name, paramSchema(p)])),
    ...(inputs.some((p) => p.required) ? { required: inputs.filter((p) => p.required).map((p) => p.name) } : {}),
  };
  const responses: Schema = { '200': { description: `Success (result true); data as described${r.list ? ', with total_count and has_more' : ''}. A dry run answers errcode complete_dryrun.`, content: { 'application/json': { schema: okSchema(r) } } } };
  const byStatus = new Map<number, string[]>();
  for (const [status, errcode] of [...r.errors, [405, 'invalid_method'] as const, [400, 'invalid_request'] as const]) byStatus.set(status, [...(byStatus.get(status) ?? []), errcode]);
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = { description: `${STATUS_TEXT[status] ?? 'Error'}: errcode ${[...new Set(codes)].join(', ')}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/InstallatronError' } } } };
  }
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description: `${r.description} The HTTP status equals the envelope's status. POST may carry X-HTTP-Method-Override.`,
    security: [{ installatron: [] }],
    parameters,
    ...(inQuery ? {} : { requestBody: { required: inputs.some((p) => p.required), content: { 'application/json': { schema: bodySchema }, 'application/x-www-form-urlencoded': { schema: bodySchema } } } }),
    responses,
  };
}

/** One path per route of the table, so routing, the CLI and these docs cannot disagree. */
export function addInstallerPaths(doc: OpenAPIObject, routes: readonly InstallerRoute[], prefix: string): void {
  const paths = doc.paths as Record<string, Schema>;
  for (const r of routes) {
    const key = `/${prefix}${r.path}`;
    paths[key] = { ...(paths[key] ?? {}), [r.method.toLowerCase()]: operation(r) };
  }
  const components = (doc.components ??= {});
  components.securitySchemes = { ...components.securitySchemes, installatron: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The key= or key2= value' } };
  components.schemas = {
    ...components.schemas,
    InstallatronError: {
      type: 'object',
      required: ['result', 'status', 'errcode', 'errfield', 'message', 'data'],
      properties: { ...ENVELOPE, result: { type: 'boolean', enum: [false], description: 'Always false' }, data: { type: 'object', nullable: true, description: 'null' } },
    },
  };
  const tagNames: Record<string, string> = { browser: 'Application catalog and installs', installs: 'Installed applications', backups: 'Backups of installs', users: 'Users (the hosting accounts)', tasks: 'Background jobs' };
  doc.tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: tagNames[name] ?? name }));
}
