import { AccountEntity } from './entities/account.entity';
import { CompanyEntity } from './entities/company.entity';
import { CredentialEntity } from './entities/credential.entity';
import { HostingPackageEntity } from './entities/hosting-package.entity';
import { LoginBanEntity } from './entities/login-ban.entity';
import { SettingEntity } from './entities/setting.entity';
import { UserEntity } from './entities/user.entity';
import { WebDomainEntity } from './entities/web-domain.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { LoginBans1763921000000 } from './migrations/1763921000000-login-bans';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from './billing-schema';
import { HOSTING_ENTITIES, HOSTING_MIGRATIONS } from './hosting-schema';
import { PROJECT_ENTITIES, PROJECT_MIGRATIONS } from './project-schema';
import { INSTALLER_ENTITIES, INSTALLER_MIGRATIONS } from './installer-schema';

/** One schema for every dialect: entities and the migrations that build them, in order. */
export const ENTITIES = [SettingEntity, CredentialEntity, CompanyEntity, UserEntity, HostingPackageEntity, AccountEntity, WebDomainEntity, LoginBanEntity, ...BILLING_ENTITIES, ...HOSTING_ENTITIES, ...PROJECT_ENTITIES, ...INSTALLER_ENTITIES];
export const MIGRATIONS = [InitialSchema1763900000000, ...BILLING_MIGRATIONS, ...HOSTING_MIGRATIONS, LoginBans1763921000000, ...PROJECT_MIGRATIONS, ...INSTALLER_MIGRATIONS];
