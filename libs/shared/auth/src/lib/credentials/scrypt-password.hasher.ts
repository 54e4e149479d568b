import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '@hostgate/domain';
import { PasswordCheckCache } from './password-check.cache';
import { SecretHasher } from './secret-hasher';

@Injectable()
export class ScryptPasswordHasher extends PasswordHasher {
  constructor(
    private readonly secrets: SecretHasher,
    private readonly checks: PasswordCheckCache,
  ) {
    super();
  }

  hash(password: string): Promise<string> {
    return this.secrets.hashPassword(password);
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.checks.verify(password, stored, (p, s) => this.secrets.verifyPassword(p, s));
  }
}
