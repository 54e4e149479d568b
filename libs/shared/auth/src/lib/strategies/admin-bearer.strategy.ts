import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { CredentialService, type Principal } from '../credentials/credential.service';

/** The gateway's own admin API: `Authorization: Bearer <token>`. */
@Injectable()
export class AdminBearerStrategy extends PassportStrategy(Strategy, 'admin-bearer') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.credentials.verifyKey(['admin_token'], token)) ?? false;
  }
}
