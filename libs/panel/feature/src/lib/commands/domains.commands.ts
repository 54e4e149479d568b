import { Injectable } from '@nestjs/common';
import { DomainPartError, DomainsService } from '@hostgate/domain';
import { HESTIA_EXIT } from '../panel-error.renderer';
import { arg, command, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkDomain, checkIp, checkUser } from './hestia-validators';

/**
 * Used when v-add-domain gets no IP: the gateway has no IP pool to pick the user's shared address
 * from, so zones and web domains point at this until the operator changes them.
 */
export const FALLBACK_IP = '127.0.0.1';

/** v-add-domain: web + DNS + mail in one call, each part only where the package has room. */
@Injectable()
export class DomainsCommands implements PanelCommandFamily {
  constructor(
    private readonly domains: DomainsService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-add-domain', 'USER DOMAIN [IP] [RESTART]', 2, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        const ip = arg(args, 2) || FALLBACK_IP;
        checkIp(ip);
        try {
          await this.domains.add(args[0], domain, ip);
        } catch (e) {
          if (!(e instanceof DomainPartError)) throw e;
          // The sub-script's own error, then the wrapper's, both on stdout, with the sub-script's code.
          return { code: HESTIA_EXIT[e.code], output: `Error: ${e.message}\nError: can't add ${e.part} domain` };
        }
        return ok();
      }),
    ];
  }
}
