import { All, Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { InstallerLoginsService, InstallsService } from '@hostgate/domain';
import { Authenticated, Public } from '@hostgate/shared/auth';
import { asDomainError, DialectResponse } from '@hostgate/shared/errors';
import { installatronError, installatronOk, type InstallatronBody } from './installatron-envelope';
import { InstallerApi } from './installer-api.service';
import { str } from './installer-input';
import { effectiveMethod, innerPath, publicBase, requestInput } from './installer-request';
import { v1Body, v1Call, v1Input } from './installer-v1';
import { installerErrorRenderer } from '../installer-error.renderer';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Every Installatron endpoint goes through the route table (documented from it in OpenAPI). */
@Controller()
export class InstallerApiController {
  constructor(
    private readonly api: InstallerApi,
    private readonly logins: InstallerLoginsService,
    private readonly installs: InstallsService,
  ) {}

  /** Where a login link leads: once, before it expires. An install's link goes on to its admin area. */
  @ApiExcludeEndpoint()
  @Public()
  @Get('sso/:token')
  async sso(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const login = await this.logins.consume(token);
    if (!login) throw new DialectResponse(installatronError(403, 'invalid_argument_token', 'The login link is invalid, used or expired.', 'token'));
    if (login.kind === 'install') {
      const install = await this.installs.get(login.subject);
      void reply.status(302).header('location', this.installs.adminUrl(install)).send();
      return;
    }
    const ok = installatronOk({ user: login.subject, session: 'active' });
    void reply.status(ok.status).type(ok.contentType).send(ok.body);
  }

  @ApiExcludeEndpoint()
  @Authenticated('installatron')
  @All(['', '*'])
  async call(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const input = requestInput(req);
    if (str(input, 'cmd') !== undefined) return this.v1(req, input, reply);
    const { status, body } = await this.api.run(effectiveMethod(req), innerPath(req, 'installer'), input, publicBase(req));
    void reply.status(status).type(JSON_TYPE).send(JSON.stringify(body));
  }

  /**
   * A v1 `cmd=` request. With X-API-Version: 2.0 (or api_version=2.0) it is answered in the v2
   * envelope and status, as Installatron does; otherwise in v1's {result, message, data}.
   */
  private async v1(req: FastifyRequest, input: Record<string, unknown>, reply: FastifyReply): Promise<void> {
    const v2 = req.headers['x-api-version'] === '2.0' || str(input, 'api_version') === '2.0';
    const call = v1Call(input);
    let answer: { status: number; body: InstallatronBody };
    try {
      answer = call ? await this.api.run(call.method, call.path, v1Input(input), publicBase(req)) : parsed(installatronError(404, 'invalid_command', 'The command is not recognized.'));
    } catch (e) {
      const domain = asDomainError(e);
      if (!domain || v2) throw e;
      answer = parsed(installerErrorRenderer.renderDomainError(domain, { method: req.method, url: req.url, requestId: String(req.id) }));
    }
    const { status, body } = answer;
    if (v2) {
      void reply.status(status).type(JSON_TYPE).send(JSON.stringify(body));
      return;
    }
    void reply.status(200).type(JSON_TYPE).send(JSON.stringify(v1Body(body)));
  }
}

function parsed(r: { status: number; body: string }): { status: number; body: InstallatronBody } {
  return { status: r.status, body: JSON.parse(r.body) as InstallatronBody };
}
