import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { AccountsService, PanelApiGateService } from '@hostgate/domain';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { CredentialService, type Principal } from '../credentials/credential.service';
import { type AuthRequest, field, isRecord } from './request-fields';

export type HestiaAuthMode =
  | { readonly mode: 'access_key'; readonly accessKey: string; readonly secretKey: string }
  | { readonly mode: 'legacy_hash'; readonly hash: string }
  | { readonly mode: 'legacy_password'; readonly user: string; readonly password: string | undefined }
  | { readonly mode: 'none' };

/**
 * How Hestia's api/index.php decides what kind of caller this is. A `hash` of exactly ACCESS:SECRET
 * (20 and 40 characters) is the documented upgrade path to access keys.
 */
export function hestiaAuthMode(body: unknown): HestiaAuthMode {
  if (!isRecord(body) || !('access_key' in body || 'user' in body || 'hash' in body)) return { mode: 'none' };
  let accessKey = field(body, 'access_key');
  let secretKey = field(body, 'secret_key');
  const hash = field(body, 'hash');
  if (accessKey === undefined && hash !== undefined) {
    const parts = hash.split(':');
    if (parts.length === 2 && parts[0].length === 20 && parts[1].length === 40) [accessKey, secretKey] = parts;
  }
  if (accessKey !== undefined && secretKey !== undefined) return { mode: 'access_key', accessKey, secretKey };
  if (hash) return { mode: 'legacy_hash', hash };
  return { mode: 'legacy_password', user: field(body, 'user') ?? '', password: field(body, 'password') };
}

/** api/index.php's test of `cmd`: present once trimmed, and only [A-Za-z0-9_-]. */
export function checkCommandField(body: unknown): void {
  const cmd = (field(body, 'cmd') ?? '').trim();
  if (cmd === '') throw new DomainError(DomainErrorCode.InvalidField, 'Command not provided', { field: 'cmd', reason: 'cmd' });
  if (!/^[a-zA-Z0-9_-]+$/.test(cmd)) throw new DomainError(DomainErrorCode.InvalidField, `${cmd} command invalid`, { field: 'cmd', value: cmd, reason: 'cmd' });
}

const fail = (code: DomainErrorCode, message: string, reason: string): DomainError => new DomainError(code, message, { reason });

@Injectable()
export class HestiaStrategy extends PassportStrategy(Strategy, 'hestia') {
  constructor(
    private readonly credentials: CredentialService,
    private readonly accounts: AccountsService,
    private readonly gate: PanelApiGateService,
  ) {
    super();
  }

  async validate(req: AuthRequest): Promise<Principal> {
    const auth = hestiaAuthMode(req.body);
    if (auth.mode === 'none') throw fail(DomainErrorCode.MissingField, 'data received is null or invalid', 'no_data');
    // The server's API settings come first: a refused caller never reaches a credential check.
    await this.gate.admit(auth.mode === 'access_key' ? 'access_key' : 'legacy', req.ip);
    switch (auth.mode) {
      case 'access_key':
        // api_connection checks the command's form before the key (legacy mode does so after auth).
        checkCommandField(req.body);
        return this.accessKey(auth.accessKey, auth.secretKey);
      case 'legacy_hash': {
        const principal = await this.credentials.verifyKey(['panel_api_key'], auth.hash);
        if (!principal) throw fail(DomainErrorCode.Unauthenticated, 'authentication failed', 'invalid');
        return principal;
      }
      case 'legacy_password':
        return this.password(auth.user, auth.password);
    }
  }

  private async password(user: string, password: string | undefined): Promise<Principal> {
    const root = await this.accounts.rootUser();
    // Only ROOT_USER may use password mode; anyone else is refused before the password is looked at.
    if (!root || user !== root.username) throw fail(DomainErrorCode.Forbidden, 'authentication failed', 'not_root');
    if (password === undefined) throw fail(DomainErrorCode.Unauthenticated, 'authentication failed', 'missing');
    // The ROOT_USER row just read is the account whose password is checked.
    if (!(await this.accounts.passwordMatches(root, password))) throw fail(DomainErrorCode.Unauthenticated, 'authentication failed', 'invalid');
    return { credentialId: null, kind: 'account_password', identifier: root.username, companyId: null, owner: root.username, permissions: [] };
  }

  private async accessKey(id: string, secret: string): Promise<Principal> {
    if (!id || !secret) throw fail(DomainErrorCode.Unauthenticated, 'Authentication failed', 'missing');
    if (!/^[A-Za-z0-9]{20}$/.test(id)) throw fail(DomainErrorCode.Unauthenticated, `invalid access_key_id format :: ${id}`, 'format');
    if (!/^[A-Za-z0-9_.+/^~=%-]{40}$/.test(secret)) throw fail(DomainErrorCode.Unauthenticated, 'invalid secret_access_key format', 'format');
    if (!(await this.credentials.exists('panel_access_key', id))) throw fail(DomainErrorCode.Unauthenticated, `key ${id} doesn't exist`, 'unknown_key');
    const principal = await this.credentials.verifyPair('panel_access_key', id, secret);
    if (!principal) throw fail(DomainErrorCode.Unauthenticated, `Invalid secret key for key ${id}`, 'invalid');
    return principal;
  }
}
