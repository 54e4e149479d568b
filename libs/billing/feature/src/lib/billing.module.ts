import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { BlestaApiController } from './api/blesta-api.controller';
import { BlestaRegistry } from './api/blesta-registry';
import { billingErrorRenderer } from './billing-error.renderer';
import { UsersMethods } from './users/users.methods';

@Module({
  imports: [DomainModule],
  controllers: [BlestaApiController],
  providers: [BlestaRegistry, UsersMethods],
  exports: [BlestaRegistry],
})
export class BillingModule {}

export const billingDialect: DialectRegistration = {
  name: 'billing',
  prefix: 'billing',
  module: BillingModule,
  renderer: billingErrorRenderer,
  openApi: {
    title: 'Hostgate billing API (Blesta-compatible)',
    description: 'Blesta API dialect: /billing/api/{model}/{method}.{format} with HTTP Basic or BLESTA-API-USER/BLESTA-API-KEY.',
    version: '1.0.0',
  },
};
