import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Authenticated, field, hestiaAuthMode, type Principal } from '@hostgate/shared/auth';
import { asDomainError, DialectResponse } from '@hostgate/shared/errors';
import { type CommandContext, CommandTable, type PanelCommand } from '../commands/command-table';
import { PanelExit } from '../commands/hestia-validators';
import { HESTIA_EXIT } from '../panel-error.renderer';
import { HestiaExit } from './hestia-codes';
import { KeyAccessService } from './key-access.service';
import { type CommandResult, hestiaApiError, hestiaCommandResponse, type HestiaMode } from './hestia-output';

type AuthedRequest = FastifyRequest & { user: Principal };

const MAX_ARGS = 13;

/** arg1..arg13, trimmed; absent positions close up, present-but-empty ones count. */
export function compactArgs(body: unknown): string[] {
  const args: string[] = [];
  for (let i = 1; i <= MAX_ARGS; i++) {
    const v = field(body, `arg${i}`);
    if (v !== undefined) args.push(v.trim());
  }
  return args;
}

/**
 * A script that fails prints "Error: <message>" on stdout and exits with its code; the two output
 * modes then decide what the caller sees (legacy: 200 with the text, access key: the mapped status).
 */
export async function runCommand(command: PanelCommand, ctx: CommandContext): Promise<CommandResult> {
  try {
    return await command.run(ctx);
  } catch (e) {
    if (e instanceof PanelExit) return { code: e.code, output: `Error: ${e.message}` };
    const domain = asDomainError(e);
    if (!domain) throw e;
    return { code: HESTIA_EXIT[domain.code], output: `Error: ${domain.message}` };
  }
}

@Controller()
export class PanelApiController {
  constructor(
    private readonly commands: CommandTable,
    private readonly keyAccess: KeyAccessService,
  ) {}

  /** Hestia's single endpoint: POST /api/ (also /api/index.php); other methods carry no data → 405. Documented by addPanelPaths from the command table. */
  @ApiExcludeEndpoint()
  @Authenticated('hestia')
  @All(['api', 'api/index.php'])
  async call(@Req() req: AuthedRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = req.body;
    const mode: HestiaMode = hestiaAuthMode(body).mode === 'access_key' ? 'access_key' : 'legacy';
    const returnCode = field(body, 'returncode') === 'yes';
    const cmd = (field(body, 'cmd') ?? '').trim();
    if (cmd === '') throw new DialectResponse(hestiaApiError(HestiaExit.E_INVALID, 'Command not provided', returnCode));
    if (!/^[a-zA-Z0-9_-]+$/.test(cmd)) throw new DialectResponse(hestiaApiError(HestiaExit.E_INVALID, `${cmd} command invalid`, returnCode));
    const command = this.commands.get(cmd);
    if (!command) {
      // Access-key mode checks the command exists before running it; legacy mode runs it through
      // sudo, which fails on stderr only, so the caller sees OK (or exit code 1).
      if (mode === 'access_key') throw new DialectResponse(hestiaApiError(HestiaExit.E_FORBIDDEN, `Command ${cmd} not found`, returnCode));
      return this.send(reply, hestiaCommandResponse({ code: 1, output: '' }, mode, returnCode));
    }
    const args = compactArgs(body);
    // v-check-access-key runs before the script, so a forbidden call never reaches its usage check.
    if (mode === 'access_key') await this.keyAccess.authorize(req.user, command, args, returnCode);
    if (args.length < command.minArgs) {
      return this.send(reply, hestiaCommandResponse({ code: HestiaExit.E_ARGS, output: `Usage: ${cmd} ${command.options} ` }, mode, returnCode));
    }
    const result = await runCommand(command, { args, principal: req.user });
    this.send(reply, hestiaCommandResponse(result, mode, returnCode));
  }

  private send(reply: FastifyReply, r: { status: number; contentType: string; body: string; headers?: Readonly<Record<string, string>> }): void {
    void reply
      .status(r.status)
      .headers(r.headers ?? {})
      .type(r.contentType)
      .send(r.body);
  }
}
