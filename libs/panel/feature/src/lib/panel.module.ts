import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { KeyAccessService } from './api/key-access.service';
import { PanelApiController } from './api/panel-api.controller';
import { CommandTable } from './commands/command-table';
import { DatabasesCommands } from './commands/databases.commands';
import { DnsCommands } from './commands/dns.commands';
import { DomainsCommands } from './commands/domains.commands';
import { KeysCommands } from './commands/keys.commands';
import { MailCommands } from './commands/mail.commands';
import { PackagesCommands } from './commands/packages.commands';
import { TempFilesCommands } from './commands/temp-files.commands';
import { UsersCommands } from './commands/users.commands';
import { WebDomainsCommands } from './commands/web-domains.commands';
import { panelErrorRenderer } from './panel-error.renderer';

@Module({
  imports: [DomainModule],
  controllers: [PanelApiController],
  providers: [CommandTable, KeyAccessService, DatabasesCommands, DnsCommands, DomainsCommands, KeysCommands, MailCommands, PackagesCommands, TempFilesCommands, UsersCommands, WebDomainsCommands],
})
export class PanelModule {}

export const panelDialect: DialectRegistration = {
  name: 'panel',
  prefix: 'panel',
  module: PanelModule,
  renderer: panelErrorRenderer,
  openApi: {
    title: 'Hostgate panel API (HestiaCP-compatible)',
    description: 'HestiaCP REST API dialect: POST /panel/api/ with user/password, hash, or access_key/secret_key, cmd and arg1..arg13.',
    version: '1.0.0',
  },
};
