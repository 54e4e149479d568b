import { Injectable } from '@nestjs/common';
import { AccountsService } from '@hostgate/domain';
import { type CredentialView, CredentialService } from '@hostgate/shared/auth';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { API_PROFILES } from '../api/access-profiles';
import { arg, argOr, command, listed, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { checkUser } from './hestia-validators';
import { columnTable } from './list-format';
import { hestiaDate, hestiaTime } from './users.format';

interface KeyListing {
  readonly id: string;
  /** Only known right after creation: the gateway keeps a hash, never the secret itself. */
  readonly secret: string;
  readonly user: string;
  readonly permissions: readonly string[];
  readonly comment: string;
  readonly time: string;
  readonly date: string;
}

function listing(view: CredentialView, secret: string, root: string): KeyListing {
  const created = new Date(view.createdAt);
  return { id: view.identifier, secret, user: view.owner ?? root, permissions: view.permissions, comment: view.comment, time: hestiaTime(created), date: hestiaDate(created) };
}

const permissionsJson = (p: readonly string[]): string => (p.length === 0 ? '[]' : `[${p.map((x) => JSON.stringify(x)).join(', ')}]`);

/** v-list-access-key's formats (what v-add-access-key prints for the new key). */
function formatKey(k: KeyListing, format: string): string | undefined {
  switch (format) {
    case 'json':
      return [
        '{',
        `    "ACCESS_KEY_ID": ${JSON.stringify(k.id)},`,
        `    "SECRET_ACCESS_KEY": ${JSON.stringify(k.secret)},`,
        `    "USER": ${JSON.stringify(k.user)},`,
        `    "PERMISSIONS": ${permissionsJson(k.permissions)},`,
        `    "COMMENT": ${JSON.stringify(k.comment)},`,
        `    "TIME": ${JSON.stringify(k.time)},`,
        `    "DATE": ${JSON.stringify(k.date)}`,
        '}',
      ].join('\n');
    case 'shell':
      return [
        `ACCESS_KEY_ID:      ${k.id}`,
        `SECRET_ACCESS_KEY:  ${k.secret}`,
        `USER:               ${k.user}`,
        `PERMISSIONS:        ${k.permissions.join(',')}`,
        `COMMENT:            ${k.comment}`,
        `TIME:               ${k.time}`,
        `DATE:               ${k.date}`,
      ].join('\n');
    case 'plain':
      return `${k.id}:${k.secret}`;
    default:
      return undefined;
  }
}

/** v-list-access-keys: one JSON object per key on one line, or a tab-aligned table. */
function formatKeys(keys: readonly KeyListing[], format: string): string | undefined {
  switch (format) {
    case 'json': {
      const lines = keys.map(
        (k) =>
          `    ${JSON.stringify(k.id)}: {"ACCESS_KEY_ID": ${JSON.stringify(k.id)}, "SECRET_ACCESS_KEY": ${JSON.stringify(k.secret)}, "USER": ${JSON.stringify(k.user)}, "PERMISSIONS": ${permissionsJson(k.permissions)}, "COMMENT": ${JSON.stringify(k.comment)}, "TIME": ${JSON.stringify(k.time)}, "DATE": ${JSON.stringify(k.date)}}`,
      );
      return keys.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
    }
    case 'shell':
      return columnTable([
        ['ID', 'SECRET', 'USER', 'PERMISSIONS', 'COMMENT', 'TIME', 'DATE'],
        ['--', '------', '----', '-----------', '-------', '----', '----'],
        ...keys.map((k) => [k.id, k.secret, k.user, k.permissions.join(',') || '-', k.comment || '-', k.time, k.date]),
      ]);
    default:
      return undefined;
  }
}

/** v-generate-api-key and v-*-access-key(s), on the shared credential store. */
@Injectable()
export class KeysCommands implements PanelCommandFamily {
  constructor(
    private readonly credentials: CredentialService,
    private readonly accounts: AccountsService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-generate-api-key', '', 0, async () => {
        const root = await this.accounts.rootUser();
        const created = await this.credentials.create({ kind: 'panel_api_key', owner: root?.username, comment: 'v-generate-api-key' });
        return ok(created.secret);
      }),
      command('v-add-access-key', 'USER [PERMISSIONS] [COMMENT] [FORMAT]', 1, async ({ args }) => {
        const user = args[0];
        checkUser(user);
        const comment = arg(args, 2);
        if (/['"<>\r\n\0]/.test(comment) || comment.length > 255) throw DomainError.invalid('comment', comment);
        const account = await this.accounts.get(user);
        const permissions = this.permissions(arg(args, 1), account.role === 'admin');
        const created = await this.credentials.create({ kind: 'panel_access_key', owner: account.username, permissions, comment });
        const root = (await this.accounts.rootUser())?.username ?? '';
        return listed(formatKey(listing(created.credential, created.secret, root), argOr(args, 3, 'shell')));
      }),
      command('v-list-access-keys', '[FORMAT]', 0, async ({ args }) => {
        const root = (await this.accounts.rootUser())?.username ?? '';
        const keys = (await this.credentials.list('panel_access_key')).filter((k) => k.revokedAt === null).map((k) => listing(k, '', root));
        // These two scripts read ${1:-shell}: an empty FORMAT is shell too.
        return listed(formatKeys(keys, arg(args, 0) || 'shell'));
      }),
      command('v-list-access-key', 'ACCESS_KEY_ID [FORMAT]', 1, async ({ args }) => {
        const root = (await this.accounts.rootUser())?.username ?? '';
        return listed(formatKey(listing(await this.find(args[0]), '', root), arg(args, 1) || 'shell'));
      }),
      command('v-delete-access-key', 'ACCESS_KEY_ID', 1, async ({ args }) => {
        await this.credentials.revoke((await this.find(args[0])).id);
        return ok();
      }),
    ];
  }

  /** Profiles from a comma list; a non-admin needs at least one, and none of the admin-only ones. */
  private permissions(raw: string, isAdmin: boolean): string[] {
    const names = raw
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    for (const name of names) {
      const profile = API_PROFILES[name];
      if (!profile) throw new DomainError(DomainErrorCode.NotFound, `API ${name} doesn't exist`, { entity: 'api', value: name });
      if (profile.role === 'admin' && !isAdmin) throw new DomainError(DomainErrorCode.InvalidField, `Only the admin can use the API ${name}`, { field: 'permissions', value: name });
    }
    if (names.length === 0 && !isAdmin) throw new DomainError(DomainErrorCode.InvalidField, 'Non-admin users need a permission list', { field: 'permissions' });
    return [...new Set(names)];
  }

  private async find(id: string): Promise<CredentialView> {
    if (!/^[A-Za-z0-9]{20}$/.test(id)) throw DomainError.invalid('access_key_id', id);
    const key = (await this.credentials.list('panel_access_key')).find((k) => k.identifier === id && k.revokedAt === null);
    if (!key) throw new DomainError(DomainErrorCode.NotFound, `key ${id} doesn't exist`, { entity: 'key', value: id });
    return key;
  }
}
