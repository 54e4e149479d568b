import { type Provider } from '@nestjs/common';

/** Hosting-side domain services (web, DNS, mail, databases, package limits, ...). */
export const HOSTING_DOMAIN_PROVIDERS: Provider[] = [];
