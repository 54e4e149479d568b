import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, isDomainError } from '@hostgate/shared/errors';
import { DnsService } from './dns.service';
import { type AccountEntity } from '@hostgate/shared/persistence';
import { hasRoom, type LimitName, lockActiveAccount } from './hosting-rules';
import { MailService } from './mail.service';
import { WebDomainsService } from './web-domains.service';

export type DomainPart = 'web' | 'dns' | 'mail';

/** A part of v-add-domain that failed after the earlier parts were kept, as Hestia leaves them. */
export class DomainPartError extends DomainError {
  constructor(
    readonly part: DomainPart,
    failure: DomainError,
  ) {
    super(failure.code, failure.message, { ...failure.details, reason: `${part}_failed` });
  }
}

export interface AddedDomain {
  readonly added: readonly DomainPart[];
}

/**
 * v-add-domain: web, then DNS, then mail, each only where the package has room. Each part is its
 * own transaction, so a failing part leaves the earlier ones in place (as Hestia's script does) and
 * itself leaves no half-written row; if none had room the whole call is a limit error.
 */
@Injectable()
export class DomainsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly web: WebDomainsService,
    private readonly dns: DnsService,
    private readonly mail: MailService,
  ) {}

  async add(username: string, domain: string, ip: string): Promise<AddedDomain> {
    const added: DomainPart[] = [];
    const parts: Array<[DomainPart, LimitName, (tx: EntityManager, account: AccountEntity) => Promise<unknown>]> = [
      ['web', 'WEB_DOMAINS', (tx, account) => this.web.addIn(tx, account, { domain, ip })],
      ['dns', 'DNS_DOMAINS', (tx, account) => this.dns.addDomainIn(tx, account, { domain, ip })],
      ['mail', 'MAIL_DOMAINS', (tx, account) => this.mail.addDomainIn(tx, account, { domain })],
    ];
    for (const [part, limit, run] of parts) {
      try {
        const done = await this.dataSource.transaction(async (tx) => {
          const account = await lockActiveAccount(tx, username);
          if (!(await hasRoom(tx, account, limit))) return false;
          await run(tx, account);
          return true;
        });
        if (done) added.push(part);
      } catch (e) {
        // A missing or suspended user fails before anything was attempted: report it as itself.
        if (added.length === 0 && part === 'web' && isDomainError(e) && (e.code === DomainErrorCode.NotFound || e.code === DomainErrorCode.Suspended) && e.details.entity === 'user') throw e;
        if (isDomainError(e)) throw new DomainPartError(part, e);
        throw e;
      }
    }
    if (added.length === 0) throw new DomainError(DomainErrorCode.LimitReached, 'Package limit reached', { reason: 'all_full' });
    return { added };
  }
}
