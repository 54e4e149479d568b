import { type Provider } from '@nestjs/common';
import { DatabasesService } from './databases.service';
import { DnsService } from './dns.service';
import { DomainsService } from './domains.service';
import { MailService } from './mail.service';
import { PanelApiGateService } from './panel-api-gate.service';
import { HostingPackagesService } from './packages.service';
import { TempFilesService } from './temp-files.service';
import { HostingUsageService } from './usage.service';
import { WebDomainsService } from './web-domains.service';

export * from './databases.service';
export * from './dns.service';
export * from './domains.service';
export * from './hosting-rules';
export * from './mail.service';
export * from './package-limits';
export * from './packages.service';
export * from './panel-api-gate.service';
export * from './temp-files.service';
export * from './usage.service';
export * from './web-domains.service';

/** Hosting-side domain services (web, DNS, mail, databases, package limits, ...). */
export const HOSTING_DOMAIN_PROVIDERS: Provider[] = [DatabasesService, DnsService, DomainsService, HostingPackagesService, HostingUsageService, MailService, PanelApiGateService, TempFilesService, WebDomainsService];
