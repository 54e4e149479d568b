import { Injectable } from '@nestjs/common';
import { DnsService } from '@hostgate/domain';
import { DomainError } from '@hostgate/shared/errors';
import { arg, argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkBoolean, checkDomain, checkInteger, checkIp, checkRecordName, checkRecordType, checkRecordValue, checkUser } from './hestia-validators';
import { DNS_DOMAINS_SPEC, DNS_RECORDS_SPEC, dnsDomainRecord, dnsRecordRecord } from './hosting.format';
import { formatObjectList } from './list-format';

/** v-*-dns-domain(s) and v-*-dns-record(s). Zone uniqueness and DNS_* limits live in DnsService. */
@Injectable()
export class DnsCommands implements PanelCommandFamily {
  constructor(
    private readonly dns: DnsService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-add-dns-domain', 'USER DOMAIN IP [NS1] [NS2] [NS3] [NS4] [NS5] [NS6] [NS7] [NS8] [RESTART] [DNSSEC]', 3, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        checkIp(args[2]);
        const ns = args.slice(3, 11).filter((n) => n !== '').map((n, i) => checkDomain(n, `ns${i + 1}`));
        if (ns.join(',').length > 255) throw DomainError.invalid('ns1', ns.join(','));
        const dnssec = arg(args, 12);
        if (dnssec) checkBoolean('dnssec', dnssec);
        await this.dns.addDomain(args[0], { domain, ip: args[2], ns, dnssec: dnssec === 'yes' });
        return ok();
      }),
      command('v-delete-dns-domain', 'USER DOMAIN [RESTART]', 2, async ({ args }) => {
        checkUser(args[0]);
        await this.dns.deleteDomain(args[0], checkDomain(args[1]));
        return ok();
      }),
      command('v-list-dns-domains', 'USER [FORMAT]', 1, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.dns.listDomains(args[0])).map((z) => [z.zone.domain, dnsDomainRecord(z)] as const);
        return listed(formatObjectList(rows, DNS_DOMAINS_SPEC, argOr(args, 1, 'shell')));
      }),
      command('v-add-dns-record', 'USER DOMAIN RECORD TYPE VALUE [PRIORITY] [ID] [RESTART] [TTL]', 5, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        const [record, type, value] = [args[2], args[3].toUpperCase(), args[4]];
        checkRecordName(record);
        checkRecordType(type);
        checkRecordValue(value);
        const priority = arg(args, 5);
        if (priority) checkInteger('priority', priority, 5);
        const id = arg(args, 6);
        if (id) checkInteger('id', id);
        const ttl = arg(args, 8);
        if (ttl) checkInteger('ttl', ttl);
        await this.dns.addRecord(args[0], domain, { record, type, value, priority, id: id ? Number(id) : undefined, ttl: ttl ? Number(ttl) : undefined });
        return ok();
      }),
      command('v-delete-dns-record', 'USER DOMAIN ID [RESTART]', 3, async ({ args }) => {
        checkUser(args[0]);
        const domain = checkDomain(args[1]);
        checkInteger('id', args[2]);
        await this.dns.deleteRecord(args[0], domain, Number(args[2]));
        return ok();
      }),
      command('v-list-dns-records', 'USER DOMAIN [FORMAT]', 2, async ({ args }) => {
        checkUser(args[0]);
        const rows = (await this.dns.listRecords(args[0], checkDomain(args[1]))).map((r) => [String(r.recordId), dnsRecordRecord(r)] as const);
        return listed(formatObjectList(rows, DNS_RECORDS_SPEC, argOr(args, 2, 'shell')));
      }),
    ];
  }
}
