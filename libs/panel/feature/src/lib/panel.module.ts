import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { KeyAccessService } from './api/key-access.service';
import { addPanelPaths } from './api/panel-openapi';
import { PanelApiController } from './api/panel-api.controller';
import { CommandTable, type PanelCommandFamily } from './commands/command-table';
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

const FAMILIES = [DatabasesCommands, DnsCommands, DomainsCommands, KeysCommands, MailCommands, PackagesCommands, TempFilesCommands, UsersCommands, WebDomainsCommands];

@Module({
  imports: [DomainModule],
  controllers: [PanelApiController],
  providers: [
    ...FAMILIES,
    KeyAccessService,
    {
      // Built when the module is created, so the OpenAPI document (made before app.init) sees every command.
      provide: CommandTable,
      inject: FAMILIES,
      useFactory: (...families: PanelCommandFamily[]): CommandTable => {
        const table = new CommandTable();
        for (const family of families) table.register(...family.commands());
        return table;
      },
    },
  ],
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
    augment: (doc, app) => addPanelPaths(doc, app.get(CommandTable, { strict: false }).all(), 'panel'),
  },
};
