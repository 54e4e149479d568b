import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type HostgateConfig } from './hostgate-config';

export const HOSTGATE_CONFIG = Symbol('HOSTGATE_CONFIG');

@Global()
@Module({})
export class HostgateConfigModule {
  static forRoot(config: HostgateConfig): DynamicModule {
    return {
      module: HostgateConfigModule,
      providers: [{ provide: HOSTGATE_CONFIG, useValue: config }],
      exports: [HOSTGATE_CONFIG],
    };
  }
}
