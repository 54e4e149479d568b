import { type OpenAPIObject } from '@nestjs/swagger';

const requestBlock = {
  type: 'object',
  required: ['action', 'method', 'format', 'code', 'message'],
  properties: {
    action: { type: 'string', example: 'api/resources' },
    method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'] },
    format: { type: 'string', enum: ['json', 'xml'] },
    code: { type: 'integer', example: 200 },
    message: { type: 'string', example: 'Success' },
  },
};

const dataBlock = {
  type: 'object',
  required: ['total', 'page', 'pages', 'limit', 'offset', 'filters'],
  properties: {
    total: { type: 'integer' },
    page: { type: 'integer' },
    pages: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    filters: { type: 'object', additionalProperties: true },
  },
};

/** The Remote API's clean-URL form, documented by hand: one catch-all controller serves every chain. */
export function augmentProjectDocument(doc: OpenAPIObject): void {
  doc.components = doc.components ?? {};
  doc.components.schemas = {
    ...(doc.components.schemas ?? {}),
    ProjectRequest: requestBlock,
    ProjectListData: dataBlock,
    ProjectError: {
      type: 'object',
      required: ['request', 'response'],
      properties: { request: { $ref: '#/components/schemas/ProjectRequest' }, response: { type: 'object' } },
    },
    ResourceAction: {
      type: 'object',
      required: ['method', 'resource', 'description'],
      properties: { method: { type: 'string' }, resource: { type: 'string' }, description: { type: 'string' } },
    },
    ResourceList: {
      type: 'object',
      required: ['request', 'response'],
      properties: {
        request: { $ref: '#/components/schemas/ProjectRequest' },
        response: {
          type: 'object',
          required: ['data', 'resources'],
          properties: { data: { $ref: '#/components/schemas/ProjectListData' }, resources: { type: 'array', items: { $ref: '#/components/schemas/ResourceAction' } } },
        },
      },
    },
  };
  doc.components.securitySchemes = {
    ...(doc.components.securitySchemes ?? {}),
    wbteamproUsername: { type: 'apiKey', in: 'query', name: 'username', description: 'An administrator whose role grants API access' },
    wbteamproPassword: { type: 'apiKey', in: 'query', name: 'password', description: "MD5 hex of the administrator's password" },
  };
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ProjectError' } } } });
  doc.paths['/project/api.php/v1/api/resources/{format}'] = {
    get: {
      operationId: 'findResources',
      summary: 'Return the API Resource List',
      tags: ['api'],
      security: [{ wbteamproUsername: [], wbteamproPassword: [] }],
      parameters: [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] }, description: 'Response format: the last key of the action chain' }],
      responses: {
        '200': {
          description: 'Every action of the Remote API',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ResourceList' } }, 'application/xml': { schema: { type: 'string' } } },
        },
        '400': errorResponse('Request Invalid or Bad Format'),
        '403': errorResponse('Permission Denied (bad credentials)'),
        '404': errorResponse('Unknown version or resource'),
      },
    },
  };
}
