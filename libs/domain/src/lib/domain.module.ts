import { Module } from '@nestjs/common';
import { AccountFilesService } from './accounts/account-files';
import { AccountsService } from './accounts/accounts.service';
import { BILLING_DOMAIN_PROVIDERS } from './billing';
import { HOSTING_DOMAIN_PROVIDERS } from './hosting';
import { PROJECT_DOMAIN_PROVIDERS } from './project';
import { SettingsService } from './settings/settings.service';
import { SUPPORT_DOMAIN_PROVIDERS } from './support';
import { UsersService } from './users/users.service';

const PROVIDERS = [AccountsService, AccountFilesService, UsersService, SettingsService, ...BILLING_DOMAIN_PROVIDERS, ...HOSTING_DOMAIN_PROVIDERS, ...PROJECT_DOMAIN_PROVIDERS, ...SUPPORT_DOMAIN_PROVIDERS];

/** The shared business rules every dialect calls; persistence and a PasswordHasher come from the app. */
@Module({
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class DomainModule {}
