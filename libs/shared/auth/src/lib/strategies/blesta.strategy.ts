import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { CredentialService, type Principal } from '../credentials/credential.service';
import { type AuthRequest, header } from './request-fields';

/**
 * Blesta: the BLESTA-API-USER / BLESTA-API-KEY headers when the key header is present, otherwise
 * HTTP Basic user:key (split on the first colon into exactly two parts).
 */
export function blestaCredentials(req: AuthRequest): { user: string; key: string } | undefined {
  const key = header(req, 'blesta-api-key');
  if (key !== undefined) return { user: header(req, 'blesta-api-user') ?? '', key };
  const auth = header(req, 'authorization');
  const m = auth ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

@Injectable()
export class BlestaStrategy extends PassportStrategy(Strategy, 'blesta') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(req: AuthRequest): Promise<Principal> {
    const given = blestaCredentials(req);
    const principal = given && (await this.credentials.verifyPair('billing_api_key', given.user, given.key));
    if (!principal) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'The API user or key appears to be invalid.', { field: 'user', reason: 'invalid' });
    }
    return principal;
  }
}
