import { type OpenAPIObject } from '@nestjs/swagger';
import { BLESTA_FORMATS, BLESTA_MESSAGES } from './blesta-envelope';
import { type BlestaMethod, type BlestaParam } from './blesta-registry';
import { COMPONENTS } from './blesta-schemas';

type Schema = Record<string, unknown>;

const ERROR_STATUSES = [400, 401, 403, 404, 415, 500, 503] as const;

function paramSchema(p: BlestaParam): Schema {
  const base: Schema =
    p.type === 'array'
      ? { type: 'object', additionalProperties: true }
      : p.type === 'integer'
        ? { type: 'integer' }
        : p.type === 'boolean'
          ? { type: 'string', enum: ['true', 'false'] }
          : { type: 'string' };
  return { ...base, description: p.description, ...(p.default !== undefined && p.default !== null && p.type !== 'array' ? { default: p.type === 'boolean' ? String(p.default) : p.default } : {}) };
}

function operation(m: BlestaMethod): Schema {
  const inQuery = m.verb === 'GET' || m.verb === 'DELETE';
  const parameters: Schema[] = [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: [...BLESTA_FORMATS] }, description: 'Response encoding' }];
  if (inQuery) {
    for (const p of m.params) {
      parameters.push({ name: p.name, in: 'query', required: p.required, schema: paramSchema(p), ...(p.type === 'array' ? { style: 'deepObject', explode: true } : {}) });
    }
  }
  const bodySchema: Schema = {
    type: 'object',
    properties: Object.fromEntries(m.params.map((p) => [p.name, paramSchema(p)])),
    ...(m.params.some((p) => p.required) ? { required: m.params.filter((p) => p.required).map((p) => p.name) } : {}),
  };
  const responses: Schema = {
    '200': {
      description: m.returns,
      content: { 'application/json': { schema: { type: 'object', required: ['response'], properties: { response: { description: m.returns, ...m.schema } } } }, 'application/xml': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
    },
  };
  for (const status of ERROR_STATUSES) {
    responses[String(status)] = { description: BLESTA_MESSAGES[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/BlestaError' } } } };
  }
  return {
    operationId: `${m.model.replace(/[^A-Za-z0-9]/g, '_')}_${m.method}`,
    tags: [m.model],
    summary: m.summary,
    description: `Blesta ${m.model}::${m.method}. Returns: ${m.returns}.`,
    security: [{ blestaBasic: [] }, { blestaUser: [], blestaKey: [] }],
    parameters,
    ...(inQuery ? {} : { requestBody: { required: m.params.some((p) => p.required), content: { 'application/x-www-form-urlencoded': { schema: bodySchema }, 'application/json': { schema: bodySchema } } } }),
    responses,
  };
}

/**
 * Adds one path per registered method to the billing document, so the registry is the single place
 * a method is declared: routing, parameter matching and these docs all read it.
 */
export function addBlestaPaths(doc: OpenAPIObject, methods: readonly BlestaMethod[], prefix: string): void {
  const paths = doc.paths as Record<string, Schema>;
  for (const m of [...methods].sort((a, b) => `${a.model}/${a.method}`.localeCompare(`${b.model}/${b.method}`))) {
    paths[`/${prefix}/api/${m.model}/${m.method}.{format}`] = { [m.verb.toLowerCase()]: operation(m) };
  }
  const components = (doc.components ??= {});
  components.securitySchemes = {
    ...components.securitySchemes,
    blestaBasic: { type: 'http', scheme: 'basic', description: 'API user and key as HTTP Basic user:password' },
    blestaUser: { type: 'apiKey', in: 'header', name: 'BLESTA-API-USER' },
    blestaKey: { type: 'apiKey', in: 'header', name: 'BLESTA-API-KEY' },
  };
  components.schemas = {
    ...components.schemas,
    ...COMPONENTS,
    BlestaError: {
      type: 'object',
      required: ['message'],
      properties: {
        message: { type: 'string' },
        errors: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } }, description: '{field: {rule: message}}' },
        response: { description: 'null on most errors; a 500 may carry the PHP error message' },
      },
    },
  };
  doc.tags = [...new Set(methods.map((m) => m.model))].sort().map((name) => ({ name, description: `Blesta ${name} model` }));
}
