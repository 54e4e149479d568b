import { type OpenAPIObject } from '@nestjs/swagger';
import { DEFAULT_LIMIT, MAX_LIMIT } from './project-values';
import { type FieldDef, FILE_FIELDS, RECORDS, type RecordDef, THREAD_EXTRA } from './project-fields';
import { RESOURCE_ACTIONS, type ResourceAction } from './resources';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const BASE = '/project/api.php/v1';

const requestBlock: Schema = {
  type: 'object',
  required: ['action', 'method', 'format', 'code', 'message'],
  description: 'What was asked and how it went; code mirrors the HTTP status',
  properties: {
    action: { type: 'string', example: 'projects/100/actions', description: 'The resource chain without version and format' },
    method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'], description: 'The operation performed (the method parameter wins over the HTTP verb)' },
    format: { type: 'string', enum: ['json', 'xml'], description: 'The response format' },
    code: { type: 'integer', example: 200, description: 'Result code' },
    message: { type: 'string', example: 'Success', description: 'Success, or the product message for the failure' },
  },
};

const dataBlock: Schema = {
  type: 'object',
  required: ['total', 'page', 'pages', 'limit', 'offset', 'filters'],
  description: 'Paging of the list in the response (a single record: total 1)',
  properties: {
    total: { type: 'integer', description: 'Records matching the filters' },
    page: { type: 'integer', description: 'This page, from 1' },
    pages: { type: 'integer', description: 'Pages at this limit' },
    limit: { type: 'integer', description: 'Records per page' },
    offset: { type: 'integer', description: 'Records skipped' },
    filters: { type: 'object', additionalProperties: true, description: 'The filters applied, by field name (and sort/order when given)' },
  },
};

function fieldSchema(f: FieldDef): Schema {
  const base: Schema =
    f.type === 'int'
      ? { type: 'integer' }
      : f.type === 'bool'
        ? { type: 'integer', enum: [0, 1] }
        : f.type === 'date'
          ? { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$', example: '2026-01-31 09:30:00' }
          : { type: 'string' };
  return { ...base, ...(f.enum ? { enum: [...f.enum] } : {}), ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(f.nullable || f.type === 'date' ? { nullable: true } : {}), description: f.description };
}

/** What a create or update accepts: dates also as Y-m-d or ISO 8601, ids and numbers also as strings. */
function inputSchema(f: FieldDef): Schema {
  const s = fieldSchema(f);
  if (f.type === 'date') return { type: 'string', nullable: f.nullable ?? false, description: `${f.description}. Y-m-d, Y-m-d H:i[:s] (UTC) or ISO 8601` };
  if (f.type === 'bool') return { type: 'integer', enum: [0, 1], description: f.description };
  return s;
}

function recordSchema(def: RecordDef, extra: Record<string, Schema> = {}): Schema {
  const fields = def.fields.filter((f) => !f.filterOnly);
  return {
    type: 'object',
    description: `A ${def.singular} record`,
    required: fields.map((f) => f.wire),
    properties: { ...Object.fromEntries(fields.map((f) => [f.wire, fieldSchema(f)])), ...extra },
  };
}

function writeSchema(def: RecordDef, create: boolean, extra: Record<string, Schema> = {}): Schema {
  const fields = def.fields.filter((f) => f.writable);
  const required = create ? fields.filter((f) => f.required).map((f) => f.wire) : [];
  return {
    type: 'object',
    description: create ? `A new ${def.singular}` : `The ${def.singular} fields to change; others stay as they are`,
    ...(required.length > 0 ? { required } : {}),
    properties: { ...Object.fromEntries(fields.map((f) => [f.wire, inputSchema(f)])), ...extra },
  };
}

function envelope(description: string, response: Record<string, Schema>): Schema {
  return {
    type: 'object',
    description,
    required: ['request', 'response'],
    properties: { request: ref('ProjectRequest'), response: { type: 'object', required: ['data', ...Object.keys(response)], properties: { data: ref('ProjectListData'), ...response } } },
  };
}

const formatParam: Schema = { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] }, description: 'Response format: the last key of the action chain' };
const idParam = (name: string, title: string): Schema => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: `${title} id` });
const paramsParam: Schema = { name: 'params', in: 'query', required: false, schema: { type: 'string' }, description: 'Resource parameters as a JSON object string; merged over the query (params[key]=value works too)' };

function listParams(def: RecordDef): Schema[] {
  const out: Schema[] = [];
  for (const f of def.fields.filter((x) => x.filter)) {
    const s = f.type === 'date' ? { type: 'string' } : f.type === 'bool' ? { type: 'integer', enum: [0, 1] } : { type: f.type === 'int' ? 'integer' : 'string', ...(f.enum ? { enum: [...f.enum] } : {}) };
    out.push({ name: f.wire, in: 'query', required: false, schema: s, description: `Filter: ${f.description}` });
    if (f.type === 'date') {
      out.push({ name: `${f.wire}_from`, in: 'query', required: false, schema: { type: 'string' }, description: `Filter: ${f.wire} on or after (Y-m-d or Y-m-d H:i:s)` });
      out.push({ name: `${f.wire}_to`, in: 'query', required: false, schema: { type: 'string' }, description: `Filter: ${f.wire} on or before (a bare date includes the whole day)` });
    }
  }
  const sortable = def.fields.filter((f) => f.sort).map((f) => f.wire);
  out.push(
    { name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: [...sortable, ...sortable.map((s) => `-${s}`)] }, description: 'Sort field; a leading - sorts descending' },
    { name: 'order', in: 'query', required: false, schema: { type: 'string', enum: ['asc', 'desc'] }, description: 'Sort direction (default asc)' },
    { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }, description: 'Records per page' },
    { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 }, description: 'Records to skip (wins over page)' },
    { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 }, description: 'Page number from 1' },
    paramsParam,
  );
  return out;
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Request Invalid or Bad Format, The required data was not provided, or The value provide for <field> is invalid or not allowed.',
  403: 'Permission Denied (bad credentials), or the administrator role does not grant wbTeamPro',
  404: 'Record Not Found, or an unknown version or resource (Request Invalid or Bad Format)',
  405: 'The resource does not take this method',
  409: 'A link that exists already',
  413: 'The file is larger than the limit',
  503: 'API Not Active',
};

function responses(okDescription: string, okSchema: string, statuses: readonly number[]): Schema {
  const out: Schema = {
    '200': { description: okDescription, content: { 'application/json': { schema: ref(okSchema) }, 'application/xml': { schema: { type: 'string', description: `The same content as XML, root <wbteampro>` } } } },
  };
  for (const s of statuses) out[String(s)] = { description: MESSAGES[s], content: { 'application/json': { schema: ref('ProjectError') }, 'application/xml': { schema: { type: 'string' } } } };
  return out;
}

const verbOf = (method: string): 'get' | 'post' | 'put' | 'delete' => (method.startsWith('create') ? 'post' : method.startsWith('update') ? 'put' : method.startsWith('delete') ? 'delete' : 'get');

/** One operation of the reference on the clean-URL form. */
function operation(a: ResourceAction, schemas: Record<string, Schema>): { path: string; verb: string; op: Schema } {
  const segs = a.resource.split('.');
  const verb = verbOf(a.method);
  const path = `${BASE}/${segs.join('/')}/{format}`;
  const def = RECORDS.find((r) => r.name === segs[0]);
  const tag = segs[0] === 'api' || segs[0] === 'config' ? 'api' : segs[0];
  const base = { operationId: a.method, summary: a.description, tags: [tag], security: [{ wbteamproUsername: [], wbteamproPassword: [] }] };
  const parameters: Schema[] = [];
  for (const s of segs) if (/^\{\w+\}$/.test(s)) parameters.push(idParam(s.slice(1, -1), def?.title ?? 'Record'));
  parameters.push(formatParam);
  if (!def) {
    if (segs[0] === 'config') parameters.push({ name: 'name', in: 'query', required: false, schema: { type: 'string' }, description: 'One option by name (e.g. action_priorities)' });
    const okSchema = segs[0] === 'config' ? 'ConfigResponse' : 'ResourceListResponse';
    return { path, verb, op: { ...base, parameters, responses: responses(a.description, okSchema, [400, 403, 404, 503]) } };
  }
  const single = `${def.title}Response`;
  if (segs.length === 1 && verb === 'get') return { path, verb, op: { ...base, parameters: [...parameters, ...listParams(def)], responses: responses(a.description, `${def.title}ListResponse`, [400, 403, 503]) } };
  if (segs.length === 2 && segs[1] === 'bythread') {
    return { path, verb, op: { ...base, description: `${a.description}: the first record of each thread with its reply count and last activity.`, parameters: [...parameters, ...listParams(def)], responses: responses(a.description, `${def.title}ThreadListResponse`, [400, 403, 503]) } };
  }
  if (segs.length === 3 && segs[2] === 'download') {
    return {
      path,
      verb,
      op: {
        ...base,
        description: 'The stored bytes with their content type and a Content-Disposition attachment header (the format key is ignored).',
        parameters,
        responses: {
          '200': {
            description: 'The file content',
            headers: { 'Content-Disposition': { description: 'attachment; filename="..."; filename*=UTF-8\'\'...', schema: { type: 'string' } } },
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          ...Object.fromEntries(Object.entries(responses('', single, [400, 403, 404, 503])).filter(([k]) => k !== '200')),
        },
      },
    };
  }
  if (segs.length === 3) {
    const child = RECORDS.find((r) => r.name === segs[2]);
    if (!child) throw new Error(`no record for ${a.resource}`);
    const name = `${def.title}${child.title}ListResponse`;
    schemas[name] = envelope(`The ${def.singular} and its ${child.name}`, { [def.singular]: ref(def.title), [child.name]: { type: 'array', items: ref(child.title) } });
    return {
      path,
      verb,
      op: { ...base, description: `Combined request: the ${def.singular} and its ${child.name} (filtered by ${def.idWire}) in one response.`, parameters: [...parameters, ...listParams(child).filter((p) => p['name'] !== def.idWire)], responses: responses(a.description, name, [400, 403, 404, 503]) },
    };
  }
  const writeErrors = def.name === 'ticketxrefs' ? [400, 403, 404, 409, 503] : def.name === 'files' ? [400, 403, 404, 413, 503] : [400, 403, 404, 503];
  if (verb === 'post') {
    const create = ref(`${def.title}Create`);
    const content: Schema =
      def.name === 'files'
        ? {
            'multipart/form-data': { schema: ref('FileUpload') },
            'application/json': { schema: create },
          }
        : { 'application/json': { schema: create }, 'application/x-www-form-urlencoded': { schema: create } };
    return { path, verb, op: { ...base, parameters, requestBody: { required: true, content }, responses: responses(a.description, single, writeErrors) } };
  }
  if (verb === 'put') {
    const update = ref(`${def.title}Update`);
    return { path, verb, op: { ...base, parameters, requestBody: { required: true, content: { 'application/json': { schema: update }, 'application/x-www-form-urlencoded': { schema: update } } }, responses: responses(a.description, single, writeErrors) } };
  }
  if (verb === 'delete') {
    const description =
      def.name === 'projects'
        ? 'Deletes the project and, in the same transaction, everything under it: actions, topics, files (and their stored bytes), ticket links and time logs. The support tickets stay with the client. `removed` counts what went.'
        : def.name === 'actions'
          ? 'Deletes the action with its sub-actions and their topics, files, ticket links and time logs.'
          : def.name === 'topics' || def.name === 'files'
            ? `Deletes the ${def.singular}; deleting the first of a thread removes the thread.`
            : a.description;
    return { path, verb, op: { ...base, description, parameters, responses: responses(a.description, def.name === 'projects' ? 'ProjectDeleteResponse' : single, [400, 403, 404, 503]) } };
  }
  return { path, verb, op: { ...base, parameters, responses: responses(a.description, single, [400, 403, 404, 503]) } };
}

/**
 * The Remote API on its clean-URL form, generated from the resource reference and the field tables
 * that also drive parsing and rendering. The api/... and api.php?action=v1.x.json forms and the
 * /project/modules/addons/wbteampro/ prefix answer the same and are described in the info text.
 */
export function augmentProjectDocument(doc: OpenAPIObject): void {
  const schemas: Record<string, Schema> = {
    ProjectRequest: requestBlock,
    ProjectListData: dataBlock,
    ProjectError: { type: 'object', description: 'A failure: the request block carries the code and message', required: ['request', 'response'], properties: { request: ref('ProjectRequest'), response: { type: 'object', description: 'Empty on failure' } } },
    ResourceAction: {
      type: 'object',
      description: 'One action of the reference',
      required: ['method', 'resource', 'description'],
      properties: { method: { type: 'string', description: 'Action name' }, resource: { type: 'string', description: 'Resource chain' }, description: { type: 'string', description: 'What it does' } },
    },
    ResourceListResponse: envelope('Every action of the Remote API', { resources: { type: 'array', items: ref('ResourceAction') } }),
    ConfigResponse: envelope('Config options', { config: { type: 'object', additionalProperties: true, description: 'api_active, api_version, formats, paging limits, file_max_bytes and the enumerations' } }),
    FileUpload: {
      type: 'object',
      description: 'A multipart upload: the file part plus the record fields (or params as JSON)',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The content; its part file name and type become file_name and file_mimetype' },
        params: { type: 'string', description: 'Record fields as a JSON object string' },
        ...Object.fromEntries(FILE_FIELDS.fields.filter((f) => f.writable).map((f) => [f.wire, inputSchema(f)])),
      },
    },
    ProjectDeleteResponse: envelope('The deleted project and what was removed with it', {
      project: ref('Project'),
      removed: {
        type: 'object',
        description: 'Rows removed with the project',
        required: ['actions', 'topics', 'files', 'ticketxrefs', 'timelogs'],
        properties: Object.fromEntries(['actions', 'topics', 'files', 'ticketxrefs', 'timelogs'].map((k) => [k, { type: 'integer', description: `${k} removed` }])),
      },
    }),
  };
  const fileExtra = {
    file_name: { type: 'string', description: 'With file_data: the file name (made safe: last path segment, no control characters)' },
    file_mimetype: { type: 'string', description: 'With file_data: the content type' },
    file_data: { type: 'string', format: 'byte', description: 'The content, base64 (instead of a multipart upload)' },
  };
  for (const def of RECORDS) {
    const extra: Record<string, Schema> = def.name === 'whmcstickets' ? { ticketxref: { type: 'object', allOf: [ref('TicketXref')], nullable: true, description: 'The link to the project (or action) asked about, if any' } } : {};
    schemas[def.title] = recordSchema(def, extra);
    schemas[`${def.title}Response`] = envelope(`One ${def.singular}`, { [def.singular]: ref(def.title) });
    schemas[`${def.title}ListResponse`] = envelope(`A page of ${def.name}`, { [def.name]: { type: 'array', items: ref(def.title) } });
    if (def.fields.some((f) => f.writable)) {
      schemas[`${def.title}Create`] = writeSchema(def, true, def.name === 'files' ? fileExtra : {});
      schemas[`${def.title}Update`] = writeSchema(def, false);
    }
    if (def.name === 'topics' || def.name === 'files') {
      schemas[`${def.title}Thread`] = { allOf: [ref(def.title), { type: 'object', required: THREAD_EXTRA.map((f) => f.wire), properties: Object.fromEntries(THREAD_EXTRA.map((f) => [f.wire, fieldSchema(f)])) }], description: 'The first record of a thread' };
      schemas[`${def.title}ThreadListResponse`] = envelope(`Threads of ${def.name}`, { [def.name]: { type: 'array', items: ref(`${def.title}Thread`) } });
    }
  }
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  for (const a of RESOURCE_ACTIONS) {
    const { path, verb, op } = operation(a, schemas);
    paths[path] = { ...(paths[path] ?? {}), [verb]: op };
  }
  doc.info.description = [
    doc.info.description,
    '',
    'The same chain also answers on /project/api/v1/{chain}/{format}, on /project/api.php?action=v1.{chain with dots}.{format}, and on each of these under /project/modules/addons/wbteampro/.',
    'Credentials: username and password (the MD5 hex of the administrator password) in the query, a form body or a JSON body. The operation is the HTTP verb, or the method parameter (method=put on a POST).',
    'Parameters come from the query, the body and params (a JSON object string or params[key]=value), params winning. Dates are UTC, Y-m-d H:i:s.',
  ].join('\n');
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ...(schemas as NonNullable<OpenAPIObject['components']>['schemas']) };
  doc.components.securitySchemes = {
    ...(doc.components.securitySchemes ?? {}),
    wbteamproUsername: { type: 'apiKey', in: 'query', name: 'username', description: 'An administrator whose role grants wbTeamPro access' },
    wbteamproPassword: { type: 'apiKey', in: 'query', name: 'password', description: "MD5 hex of the administrator's password" },
  };
}
