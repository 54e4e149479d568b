import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { DomainModule, PasswordHasher } from '@hostgate/domain';
import { LoginBanService } from './bans/login-ban.service';
import { CredentialBootstrapService } from './credentials/credential-bootstrap.service';
import { CredentialService } from './credentials/credential.service';
import { PasswordCheckCache } from './credentials/password-check.cache';
import { ScryptPasswordHasher } from './credentials/scrypt-password.hasher';
import { SecretHasher } from './credentials/secret-hasher';

/** The credential store, hashing and login bans, without any HTTP strategy (the operator CLI uses only this). */
@Global()
@Module({
  imports: [DomainModule],
  providers: [
    CredentialBootstrapService,
    CredentialService,
    LoginBanService,
    PasswordCheckCache,
    SecretHasher,
    { provide: PasswordHasher, useClass: ScryptPasswordHasher },
  ],
  exports: [CredentialBootstrapService, CredentialService, LoginBanService, PasswordHasher, SecretHasher],
})
export class CredentialsModule implements OnModuleInit {
  constructor(private readonly credentials: CredentialService) {}

  async onModuleInit(): Promise<void> {
    await this.credentials.loadServerKey();
  }
}
