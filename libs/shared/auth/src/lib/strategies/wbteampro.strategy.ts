import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { CredentialService, type Principal } from '../credentials/credential.service';
import { type AuthRequest, field } from './request-fields';

/** wbTeamPro: `username` and `password` = MD5 of the admin's password, from the query or the body. */
@Injectable()
export class WbTeamProStrategy extends PassportStrategy(Strategy, 'wbteampro') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(req: AuthRequest): Promise<Principal> {
    const username = field(req.body, 'username') ?? field(req.query, 'username') ?? '';
    const password = (field(req.body, 'password') ?? field(req.query, 'password') ?? '').toLowerCase();
    const principal = await this.credentials.verifyPair('project_password', username, password);
    if (!principal) throw new DomainError(DomainErrorCode.Unauthenticated, 'Permission Denied', { field: 'username', reason: username ? 'invalid' : 'missing' });
    return principal;
  }
}
