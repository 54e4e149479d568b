import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { CredentialService, type Principal } from '../credentials/credential.service';
import { type AuthRequest, field, header } from './request-fields';

/**
 * Installatron: the X-API-Key header carries the key= or key2= value (both are installer_key
 * credentials, identifiers `key` and `key2`); v1 clients send `key` (or `key2`) in the body.
 */
@Injectable()
export class InstallatronStrategy extends PassportStrategy(Strategy, 'installatron') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(req: AuthRequest): Promise<Principal> {
    const key = header(req, 'x-api-key') ?? field(req.body, 'key') ?? field(req.body, 'key2') ?? field(req.query, 'key') ?? field(req.query, 'key2') ?? '';
    const principal = await this.credentials.verifyKey(['installer_key'], key);
    if (!principal) throw new DomainError(DomainErrorCode.Unauthenticated, 'invalid api key', { field: 'key', reason: key ? 'invalid' : 'missing' });
    return principal;
  }
}
