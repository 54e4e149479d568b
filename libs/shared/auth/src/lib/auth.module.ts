import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { DomainModule, PasswordHasher } from '@hostgate/domain';
import { CredentialBootstrapService } from './credentials/credential-bootstrap.service';
import { CredentialService } from './credentials/credential.service';
import { PasswordCheckCache } from './credentials/password-check.cache';
import { ScryptPasswordHasher } from './credentials/scrypt-password.hasher';
import { SecretHasher } from './credentials/secret-hasher';
import { HostgateAuthGuard } from './hostgate-auth.guard';
import { AdminBearerStrategy } from './strategies/admin-bearer.strategy';
import { BlestaStrategy } from './strategies/blesta.strategy';
import { HestiaStrategy } from './strategies/hestia.strategy';
import { InstallatronStrategy } from './strategies/installatron.strategy';
import { WbTeamProStrategy } from './strategies/wbteampro.strategy';

@Global()
@Module({
  imports: [DomainModule, PassportModule],
  providers: [
    AdminBearerStrategy,
    BlestaStrategy,
    CredentialBootstrapService,
    CredentialService,
    HestiaStrategy,
    InstallatronStrategy,
    PasswordCheckCache,
    SecretHasher,
    WbTeamProStrategy,
    { provide: PasswordHasher, useClass: ScryptPasswordHasher },
    { provide: APP_GUARD, useClass: HostgateAuthGuard },
  ],
  exports: [CredentialBootstrapService, CredentialService, PasswordHasher, SecretHasher],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly credentials: CredentialService) {}

  async onModuleInit(): Promise<void> {
    await this.credentials.loadServerKey();
  }
}
