import { Injectable } from '@nestjs/common';
import { MailService, WebDomainsService } from '@hostgate/domain';
import { formatObjectList, hestiaJsonList } from './list-format';
import { arg, argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkAlias, checkBoolean, checkDomain, checkIp, checkUser } from './hestia-validators';
import { WEB_DOMAIN_JSON, WEB_DOMAINS_SPEC, webDomainRecord, webDomainShell } from './hosting.format';

/** v-*-web-domain(s). Uniqueness across users and the WEB_* limits live in WebDomainsService. */
@Injectable()
export class WebDomainsCommands implements PanelCommandFamily {
  constructor(
    private readonly web: WebDomainsService,
    private readonly mail: MailService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-add-web-domain', 'USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]', 2, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        const ip = arg(args, 2);
        if (ip) checkIp(ip);
        // An empty ALIASES is the default (www. for a second-level domain); "none" means no alias at all.
        const raw = arg(args, 4);
        const aliases = raw === '' ? undefined : raw === 'none' ? [] : raw.split(',').map((a) => checkAlias(a.trim()));
        await this.web.add(args[0], { domain, ip, aliases });
        return ok();
      }),
      command('v-add-letsencrypt-domain', 'USER DOMAIN [ALIASES] [MAIL]', 2, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        // Hestia strips spaces from MAIL; an empty one means the web domain.
        const mail = arg(args, 3).replace(/ /g, '');
        if (mail) checkBoolean('mail', mail);
        const aliases = splitAliases(arg(args, 2));
        if (mail === 'yes') await this.mail.requestLetsEncrypt(args[0], domain);
        else await this.web.requestLetsEncrypt(args[0], domain, aliases);
        return ok();
      }),
      this.simple('v-delete-web-domain', 'USER DOMAIN [RESTART]', (user, domain) => this.web.delete(user, domain)),
      this.simple('v-suspend-web-domain', 'USER DOMAIN [RESTART]', (user, domain) => this.web.suspend(user, domain)),
      this.simple('v-unsuspend-web-domain', 'USER DOMAIN [RESTART]', (user, domain) => this.web.unsuspend(user, domain)),
      command('v-list-web-domains', 'USER [FORMAT]', 1, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.web.list(args[0])).map((d) => [d.domain, webDomainRecord(args[0], d)] as const);
        return listed(formatObjectList(rows, WEB_DOMAINS_SPEC, argOr(args, 1, 'shell')));
      }),
      command('v-list-web-domain', 'USER DOMAIN [FORMAT]', 2, async ({ args }) => {
        checkUser(args[0]);
        const d = await this.web.get(args[0], checkDomain(args[1]));
        const r = webDomainRecord(args[0], d);
        const format = argOr(args, 2, 'shell');
        if (format === 'json') return ok(hestiaJsonList([[d.domain, WEB_DOMAIN_JSON.map((k) => [k, r[k] ?? ''] as const)]]));
        if (format === 'shell') return ok(webDomainShell(r));
        return listed(formatObjectList([[d.domain, r]], WEB_DOMAINS_SPEC, format));
      }),
    ];
  }

  /** ALIASES as is_alias_format_valid takes them: domain names, or Let's Encrypt's `*.DOMAIN` wildcard. */
  private simple(name: string, options: string, run: (user: string, domain: string) => Promise<void>): PanelCommand {
    return command(name, options, 2, async ({ args }) => {
      checkUser(args[0]);
      await run(args[0], checkDomain(args[1]));
      return ok();
    });
  }
}

/** ALIASES, comma-separated (is_alias_format_valid), each compared with the domain's own aliases. */
function splitAliases(raw: string): string[] {
  return raw
    .split(',')
    .filter((a) => a !== '')
    .map((a) => checkAlias(a, 'aliases'));
}
