import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { BlestaApiController } from './api/blesta-api.controller';
import { BlestaDispatcher } from './api/blesta-dispatch';
import { addBlestaPaths } from './api/blesta-openapi';
import { type BlestaMethodSet, BlestaRegistry } from './api/blesta-registry';
import { billingErrorRenderer } from './billing-error.renderer';
import { ClientsMethods } from './clients/clients.methods';
import { CompaniesMethods } from './companies/companies.methods';
import { ContactsMethods } from './contacts/contacts.methods';
import { EncryptionMethods } from './encryption/encryption.methods';
import { InvoicesMethods } from './invoices/invoices.methods';
import { PackagesMethods } from './packages/packages.methods';
import { ServicesMethods } from './services/services.methods';
import { TaxesMethods } from './taxes/taxes.methods';
import { TransactionsMethods } from './transactions/transactions.methods';
import { UsersMethods } from './users/users.methods';

const METHOD_SETS = [ClientsMethods, CompaniesMethods, ContactsMethods, EncryptionMethods, InvoicesMethods, PackagesMethods, ServicesMethods, TaxesMethods, TransactionsMethods, UsersMethods];

@Module({
  imports: [DomainModule],
  controllers: [BlestaApiController],
  providers: [
    ...METHOD_SETS,
    BlestaDispatcher,
    // Filled when the module is created (not at init), so the OpenAPI document built before init sees every method.
    {
      provide: BlestaRegistry,
      inject: METHOD_SETS,
      useFactory: (...sets: BlestaMethodSet[]): BlestaRegistry => {
        const registry = new BlestaRegistry();
        for (const set of sets) set.registerIn(registry);
        return registry;
      },
    },
  ],
  exports: [BlestaRegistry, BlestaDispatcher],
})
export class BillingModule {}

export const billingDialect: DialectRegistration = {
  name: 'billing',
  prefix: 'billing',
  module: BillingModule,
  renderer: billingErrorRenderer,
  // Blesta reads brackets as PHP's parse_str does: BlestaApiController parses the text itself.
  formBodyAsText: true,
  openApi: {
    title: 'Hostgate billing API (Blesta-compatible)',
    description: 'Blesta API dialect: /billing/api/{model}/{method}.{format} with HTTP Basic or BLESTA-API-USER/BLESTA-API-KEY.',
    version: '1.0.0',
    augment: (doc, app) => addBlestaPaths(doc, app.get(BlestaRegistry, { strict: false }).all(), 'billing'),
  },
};
