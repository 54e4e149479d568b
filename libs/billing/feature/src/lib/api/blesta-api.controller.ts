import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Authenticated, type Principal } from '@hostgate/shared/auth';
import { formBodyText, MalformedBody } from '@hostgate/shared/http';
import { BlestaDispatcher } from './blesta-dispatch';
import { parseMultipartForm } from './blesta-multipart';
import { parsePhpStr } from './php-parse-str';

type AuthedRequest = FastifyRequest & { user: Principal };

@Controller()
export class BlestaApiController {
  constructor(private readonly dispatcher: BlestaDispatcher) {}

  /**
   * /api/{model}/{method}.{format}, and /index.php/api/... for servers without URL rewriting. One
   * wildcard route: the path is read by parseBlestaPath as Blesta's router reads it, so a bad or
   * overlong model segment still gets Blesta's 404/415 rather than the router's own error.
   */
  @ApiExcludeEndpoint()
  @Authenticated('blesta')
  @All(['api/*', 'index.php/api/*'])
  async call(@Req() req: AuthedRequest, @Res() reply: FastifyReply): Promise<void> {
    const rendered = await this.dispatcher.dispatch(req.url, () => this.parameters(req), req.user);
    void reply.status(200).type(rendered.contentType).send(rendered.body);
  }

  /**
   * Blesta reads GET and DELETE arguments from the query and POST and PUT from the body. Common
   * SDKs also send JSON bodies and DELETE arguments as a form body, so those are accepted too, as are
   * multipart forms (PHP reads them into $_POST). The query is re-read with PHP's bracket rules
   * (order_by[date_due]=ASC), and a urlencoded body re-read from its text, exactly as PHP's
   * parse_str would (malformed and deeply nested brackets included).
   */
  private parameters(req: FastifyRequest): Record<string, unknown> {
    const q = req.url.indexOf('?');
    const query = q < 0 ? {} : parsePhpStr(req.url.slice(q + 1), 'query');
    const formText = formBodyText(req.body);
    const body =
      formText !== undefined
        ? parsePhpStr(formText, 'body')
        : (parseMultipartForm(req.headers['content-type'], req.body) ?? (isRecord(req.body) && !(req.body instanceof MalformedBody) ? req.body : {}));
    switch (req.method) {
      case 'GET':
      case 'HEAD':
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
