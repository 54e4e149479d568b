import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Authenticated, field } from '@hostgate/shared/auth';
import { DialectResponse } from '@hostgate/shared/errors';
import { parseActionChain } from './action-chain';
import { projectResponse } from './project-envelope';
import { RESOURCE_ACTIONS } from './resources';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE'] as const;

/** The operation: the `method` parameter when given (method=put on a POST), else the HTTP verb. */
export function effectiveMethod(req: FastifyRequest): string {
  const given = (field(req.body, 'method') ?? field(req.query, 'method'))?.toUpperCase();
  return given && (METHODS as readonly string[]).includes(given) ? given : req.method;
}

@Controller()
export class ProjectApiController {
  /**
   * api.php/{chain}, api/{chain} (rewrite rules) and api.php?action=v1.x.json, also under the
   * product's own path so a client configured with the full path only changes the host.
   */
  @ApiExcludeEndpoint()
  @Authenticated('wbteampro')
  @All(['api.php', 'api.php/*', 'api/*', 'modules/addons/wbteampro/api.php', 'modules/addons/wbteampro/api.php/*', 'modules/addons/wbteampro/api/*'])
  async call(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const url = req.url.replace(/^\/project/, '');
    const parsed = parseActionChain(url, field(req.query, 'action') ?? field(req.body, 'action'));
    const method = effectiveMethod(req);
    if (!parsed.ok) {
      throw new DialectResponse(projectResponse({ action: parsed.action, method, format: parsed.format, code: 400, message: parsed.problem }, {}));
    }
    const { chain } = parsed;
    const notFound = () => new DialectResponse(projectResponse({ action: chain.action, method, format: chain.format, code: 404, message: 'Request Invalid or Bad Format' }, {}));
    if (chain.version !== 'v1') throw notFound();
    if (chain.keys.join('.') === 'api.resources' && method === 'GET') {
      const resources = RESOURCE_ACTIONS.map((r) => ({ ...r }));
      const rendered = projectResponse(
        { action: chain.action, method, format: chain.format, code: 200, message: 'Success' },
        { data: { total: resources.length, page: 1, pages: 1, limit: resources.length, offset: 0, filters: {} }, resources },
      );
      void reply.status(rendered.status).type(rendered.contentType).send(rendered.body);
      return;
    }
    throw notFound();
  }
}
