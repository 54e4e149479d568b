import { type Provider } from '@nestjs/common';
import { BillingUsersService } from './billing-users.service';
import { ClientsService } from './clients.service';
import { CompaniesService } from './companies.service';
import { ContactsService } from './contacts.service';
import { InvoicesService } from './invoices.service';
import { PackagesService } from './packages.service';
import { ServicesService } from './services.service';
import { SystemCryptoService } from './system-crypto.service';
import { TaxesService } from './taxes.service';
import { TransactionsService } from './transactions.service';

export * from './billing-error';
export * from './billing-time';
export * from './billing-users.service';
export * from './clients.service';
export * from './companies.service';
export * from './contacts.service';
export * from './invoices.service';
export { formatScaled, parseScaled } from './money';
export * from './packages.service';
export * from './paging';
export * from './services.service';
export * from './system-crypto.service';
export * from './tax-math';
export * from './taxes.service';
export * from './transactions.service';

/** Billing-side domain services (clients, invoices, packages, services, ...). */
export const BILLING_DOMAIN_PROVIDERS: Provider[] = [BillingUsersService, CompaniesService, ClientsService, ContactsService, InvoicesService, PackagesService, ServicesService, SystemCryptoService, TaxesService, TransactionsService];
