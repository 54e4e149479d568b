import { Module } from '@nestjs/common';
import { DomainModule, InstallerDomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { InstallerApiController } from './api/installer-api.controller';
import { InstallerApi } from './api/installer-api.service';
import { addInstallerPaths } from './api/installer-openapi';
import { installerErrorRenderer } from './installer-error.renderer';

/** The API without HTTP: for the CLI's installer-api command (which must not resume other processes' jobs). */
@Module({
  imports: [DomainModule, InstallerDomainModule.register({ recover: false })],
  providers: [InstallerApi],
  exports: [InstallerApi, InstallerDomainModule],
})
export class InstallerCliModule {}

@Module({
  imports: [DomainModule, InstallerDomainModule.register({ recover: true })],
  controllers: [InstallerApiController],
  providers: [InstallerApi],
  exports: [InstallerApi],
})
export class InstallerModule {}

export const installerDialect: DialectRegistration = {
  name: 'installer',
  prefix: 'installer',
  module: InstallerModule,
  renderer: installerErrorRenderer,
  openApi: {
    title: 'Hostgate installer API (Installatron Server-compatible)',
    description:
      'Installatron Server REST API (v2) dialect under /installer, authenticated with the X-API-Key header (key= or key2=). Every answer is the envelope {result, status, errcode, errfield, message, data}; lists add total_count and has_more. v1 requests (cmd=, api=json, key in the body) are answered at any path.',
    version: '2.0.0',
    augment: (doc, app) => addInstallerPaths(doc, app.get(InstallerApi, { strict: false }).routes, 'installer'),
  },
};
