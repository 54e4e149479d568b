import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type HostgateConfig } from '@hostgate/shared/config';
import { dataSourceOptions, openDataSource } from './data-source';
import { ENTITIES } from './schema';

/** TypeORM with one schema for every dialect; migrations run before the app takes requests. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(config: Pick<HostgateConfig, 'dataDir' | 'databaseUrl' | 'sqliteSynchronous'>): DynamicModule {
    const settings = { dataDir: config.dataDir, databaseUrl: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous };
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(settings),
          dataSourceFactory: async () => openDataSource(settings),
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      exports: [TypeOrmModule],
    };
  }
}
