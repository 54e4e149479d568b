import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { installerErrorRenderer } from './installer-error.renderer';
import { InstallerUsersController } from './users/users.controller';

@Module({
  imports: [DomainModule],
  controllers: [InstallerUsersController],
})
export class InstallerModule {}

export const installerDialect: DialectRegistration = {
  name: 'installer',
  prefix: 'installer',
  module: InstallerModule,
  renderer: installerErrorRenderer,
  openApi: {
    title: 'Hostgate installer API (Installatron Server-compatible)',
    description: 'Installatron Server REST API dialect under /installer, authenticated with the X-API-Key header.',
    version: '2.0.0',
  },
};
