import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { SettingsService } from '@hostgate/domain';
import { Authenticated, field, type Principal } from '@hostgate/shared/auth';
import { DialectResponse, DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { parseActionChain } from './action-chain';
import { projectResponse } from './project-envelope';
import { collectParams, effectiveMethod, phpQuery } from './project-params';
import { ProjectRoutes, RouteError } from './project-routes';

type AuthedRequest = FastifyRequest & { user: Principal };

/** The role grant that lets an administrator use the Remote API (see the lib README). */
export const API_ROLE = 'wbteampro';

/** ASCII-only quoted filename plus the RFC 5987 form for the real name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@Controller()
export class ProjectApiController {
  constructor(
    private readonly routes: ProjectRoutes,
    private readonly settings: SettingsService,
  ) {}

  /**
   * api.php/{chain}, api/{chain} (rewrite rules) and api.php?action=v1.x.json, also under the
   * product's own path so a client configured with the full path only changes the host.
   */
  @ApiExcludeEndpoint()
  @Authenticated('wbteampro')
  @All(['api.php', 'api.php/*', 'api/*', 'modules/addons/wbteampro/api.php', 'modules/addons/wbteampro/api.php/*', 'modules/addons/wbteampro/api/*'])
  async call(@Req() req: AuthedRequest, @Res() reply: FastifyReply): Promise<void> {
    const url = req.url.replace(/^\/project/, '');
    const parsed = parseActionChain(url, field(phpQuery(req), 'action') ?? field(req.body, 'action'));
    const method = effectiveMethod(req);
    if (!parsed.ok) throw new DialectResponse(projectResponse({ action: parsed.action, method, format: parsed.format, code: 400, message: parsed.problem }, {}));
    const { chain } = parsed;
    const refuse = (code: number, message = 'Request Invalid or Bad Format') => new DialectResponse(projectResponse({ action: chain.action, method, format: chain.format, code, message }, {}));
    if (chain.version !== 'v1') throw refuse(404);
    if (req.user.permissions.length > 0 && !req.user.permissions.includes(API_ROLE)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'the administrator role does not grant wbTeamPro', { reason: 'role' });
    }
    if ((await this.settings.get('project.api_active')) !== 'yes') throw new DomainError(DomainErrorCode.Disabled, 'the Remote API is switched off', { reason: 'api_inactive' });
    const collected = collectParams(req);
    if (!collected.ok) throw refuse(400);
    const outcome = await this.routes.dispatch(chain.keys, { method, params: collected.params, upload: collected.upload, adminId: req.user.credentialId }).catch((e: unknown) => {
      throw e instanceof RouteError ? refuse(e.code) : e;
    });
    if (outcome.kind === 'download') {
      void reply
        .status(200)
        .headers({ 'content-disposition': contentDisposition(outcome.fileName), 'x-content-type-options': 'nosniff', 'content-length': String(outcome.bytes.length) })
        .type(outcome.mimeType)
        .send(outcome.bytes);
      return;
    }
    const rendered = projectResponse({ action: chain.action, method, format: chain.format, code: 200, message: 'Success' }, outcome.response);
    void reply.status(rendered.status).type(rendered.contentType).send(rendered.body);
  }
}
