import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { PanelApiController } from './api/panel-api.controller';
import { CommandTable } from './commands/command-table';
import { UsersCommands } from './commands/users.commands';
import { panelErrorRenderer } from './panel-error.renderer';

@Module({
  imports: [DomainModule],
  controllers: [PanelApiController],
  providers: [CommandTable, UsersCommands],
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
