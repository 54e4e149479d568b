import { type Provider } from '@nestjs/common';
import { HostingPackagesService } from './packages.service';

export * from './package-limits';
export * from './packages.service';

/** Hosting-side domain services (web, DNS, mail, databases, package limits, ...). */
export const HOSTING_DOMAIN_PROVIDERS: Provider[] = [HostingPackagesService];
