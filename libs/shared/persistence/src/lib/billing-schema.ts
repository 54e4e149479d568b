import { type MigrationInterface } from 'typeorm';
import { ClientGroupEntity } from './entities/billing/client-group.entity';
import { ClientSettingEntity } from './entities/billing/client-setting.entity';
import { ClientEntity } from './entities/billing/client.entity';
import { CompanySettingEntity } from './entities/billing/company-setting.entity';
import { ContactEntity } from './entities/billing/contact.entity';
import { CurrencyEntity } from './entities/billing/currency.entity';
import { InvoiceDeliveryEntity } from './entities/billing/invoice-delivery.entity';
import { InvoiceLineTaxEntity } from './entities/billing/invoice-line-tax.entity';
import { InvoiceLineEntity } from './entities/billing/invoice-line.entity';
import { InvoiceEntity } from './entities/billing/invoice.entity';
import { PackagePricingEntity } from './entities/billing/package-pricing.entity';
import { PackageEntity } from './entities/billing/package.entity';
import { ServiceEntity } from './entities/billing/service.entity';
import { TaxEntity } from './entities/billing/tax.entity';
import { TransactionAppliedEntity } from './entities/billing/transaction-applied.entity';
import { TransactionEntity } from './entities/billing/transaction.entity';
import { BillingCore1763910000000 } from './migrations/1763910000000-billing-core';
import { BillingTransactions1763910100000 } from './migrations/1763910100000-billing-transactions';
import { BillingPackagesServices1763910200000 } from './migrations/1763910200000-billing-packages-services';
import { BillingTaxes1763911000000 } from './migrations/1763911000000-billing-taxes';

/** Billing-side tables (clients, contacts, invoices, packages, services, ...): entity classes and the migrations that create them, oldest first. */
export const BILLING_ENTITIES: Array<new () => object> = [
  ClientGroupEntity,
  ClientEntity,
  ClientSettingEntity,
  CompanySettingEntity,
  ContactEntity,
  CurrencyEntity,
  InvoiceDeliveryEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceLineTaxEntity,
  PackageEntity,
  PackagePricingEntity,
  ServiceEntity,
  TaxEntity,
  TransactionAppliedEntity,
  TransactionEntity,
];
export const BILLING_MIGRATIONS: Array<new () => MigrationInterface> = [BillingCore1763910000000, BillingTransactions1763910100000, BillingPackagesServices1763910200000, BillingTaxes1763911000000];
