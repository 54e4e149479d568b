import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AuthModule, CredentialsModule } from '@hostgate/shared/auth';
import { type HostgateConfig, HostgateConfigModule } from '@hostgate/shared/config';
import { PersistenceModule } from '@hostgate/shared/persistence';
import { type DialectRegistration } from './dialect-registration';
import { HealthController } from './health.controller';

@Module({})
export class HostgateRootModule {
  /** Config, persistence, auth and health for any app, plus the given dialects under their prefixes; the CLI needs no HTTP parts. */
  static forRoot(config: HostgateConfig, dialects: readonly DialectRegistration[], extra: ModuleMetadata = {}, mode: 'http' | 'cli' = 'http'): DynamicModule {
    return {
      module: HostgateRootModule,
      imports: [
        HostgateConfigModule.forRoot(config),
        PersistenceModule.forRoot(config),
        mode === 'http' ? AuthModule : CredentialsModule,
        ...dialects.map((d) => d.module),
        RouterModule.register(dialects.map((d) => ({ path: d.prefix, module: d.module }))),
        ...(extra.imports ?? []),
      ],
      controllers: mode === 'http' ? [HealthController, ...(extra.controllers ?? [])] : [],
      providers: [...(extra.providers ?? [])],
    };
  }
}
