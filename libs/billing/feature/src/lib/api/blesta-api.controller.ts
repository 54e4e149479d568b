import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Authenticated, type Principal } from '@hostgate/shared/auth';
import { DialectResponse } from '@hostgate/shared/errors';
import { MalformedBody } from '@hostgate/shared/http';
import { blestaError, blestaResponse } from './blesta-envelope';
import { parseBlestaPath } from './blesta-path';
import { BlestaRegistry } from './blesta-registry';

const MISSING_DEFAULT = 'Internal error: Failed to retrieve the default value';

type AuthedRequest = FastifyRequest & { user: Principal };

@Controller()
export class BlestaApiController {
  constructor(private readonly registry: BlestaRegistry) {}

  /** /api/{model}/{method}.{format}, and /index.php/api/... for servers without URL rewriting. */
  @ApiExcludeEndpoint()
  @Authenticated('blesta')
  @All(['api/:model/:method', 'index.php/api/:model/:method', 'api/:model/:method/*', 'index.php/api/:model/:method/*'])
  async call(@Req() req: AuthedRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = parseBlestaPath(req.url);
    if (!path.ok) throw new DialectResponse(blestaError(path.status, 'json', path.model));
    const method = this.registry.find(path.model, path.method);
    if (!method) throw new DialectResponse(blestaError(404, path.format, path.model));
    const sent = this.parameters(req);
    const args: Record<string, unknown> = {};
    for (const p of method.params) {
      const v = sent[p.name];
      if (v !== undefined && v !== null) args[p.name] = v;
      else if (p.default !== undefined) args[p.name] = p.default;
      else throw new DialectResponse(blestaError(500, path.format, path.model, undefined, MISSING_DEFAULT));
    }
    const result = await method.invoke({ args, principal: req.user });
    const rendered = blestaResponse(200, path.format, path.model, { response: result });
    void reply.status(200).type(rendered.contentType).send(rendered.body);
  }

  /**
   * Blesta reads GET and DELETE arguments from the query and POST and PUT from the body. Common
   * SDKs also send JSON bodies and DELETE arguments as a form body, so those are accepted too.
   */
  private parameters(req: FastifyRequest): Record<string, unknown> {
    const query = isRecord(req.query) ? req.query : {};
    const body = isRecord(req.body) && !(req.body instanceof MalformedBody) ? req.body : {};
    switch (req.method) {
      case 'GET':
        return query;
      case 'DELETE':
        return { ...body, ...query };
      default:
        return body;
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
