import { type MigrationInterface } from 'typeorm';
import { DnsDomainEntity } from './entities/hosting/dns-domain.entity';
import { DnsRecordEntity } from './entities/hosting/dns-record.entity';
import { HostedDatabaseEntity } from './entities/hosting/hosted-database.entity';
import { MailAccountEntity } from './entities/hosting/mail-account.entity';
import { MailDomainEntity } from './entities/hosting/mail-domain.entity';
import { PanelTempFileEntity } from './entities/hosting/panel-temp-file.entity';
import { WebDomainNameEntity } from './entities/hosting/web-domain-name.entity';
import { HostingServices1763920000000 } from './migrations/1763920000000-hosting-services';
import { HostingLetsencrypt1763922000000 } from './migrations/1763922000000-hosting-letsencrypt';
import { WebDomainNames1764000000000 } from './migrations/1764000000000-web-domain-names';

/** Hosting-side tables (DNS, mail, databases, ...): entity classes and the migrations that create them, oldest first. */
export const HOSTING_ENTITIES: Array<new () => object> = [DnsDomainEntity, DnsRecordEntity, MailDomainEntity, MailAccountEntity, HostedDatabaseEntity, PanelTempFileEntity, WebDomainNameEntity];
export const HOSTING_MIGRATIONS: Array<new () => MigrationInterface> = [HostingServices1763920000000, HostingLetsencrypt1763922000000, WebDomainNames1764000000000];
