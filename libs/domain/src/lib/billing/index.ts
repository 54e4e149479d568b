import { type Provider } from '@nestjs/common';

/** Billing-side domain services (clients, invoices, packages, services, ...). */
export const BILLING_DOMAIN_PROVIDERS: Provider[] = [];
