import { Injectable } from '@nestjs/common';
import { type AuthType, BillingUsersService } from '@hostgate/domain';
import { asStdClass, type PhpValue } from '@hostgate/shared/formats';
import { type UserEntity } from '@hostgate/shared/persistence';
import { type BlestaMethodSet, type BlestaRegistry } from '../api/blesta-registry';
import { blestaTimestamp, intArg, recordArg, strArg } from '../api/blesta-values';
import { BOOLEAN, NEW_ID, oneOrFalse } from '../api/blesta-schemas';

/**
 * A users row as Blesta returns it, every column a string. The password hash and two-factor secret
 * are deliberately left out: Blesta returns them, but no client needs them and they must not leave.
 */
export function userRow(u: UserEntity): PhpValue {
  return asStdClass({
    id: String(u.id),
    username: u.username,
    two_factor_mode: u.twoFactorMode,
    date_added: blestaTimestamp(u.dateAdded),
  });
}

const AUTH_TYPES: readonly AuthType[] = ['any', 'staff', 'client', 'contact'];

@Injectable()
export class UsersMethods implements BlestaMethodSet {
  constructor(private readonly users: BillingUsersService) {}

  registerIn(registry: BlestaRegistry): void {
    const vars = { name: 'vars', required: true, type: 'array', description: 'username, new_password, confirm_password, two_factor_mode' } as const;
    registry.notCallable('users', 'getRules', 'validateUniqueUser', 'checkPassword');
    registry.register(
      {
        model: 'users',
        method: 'add',
        verb: 'POST',
        summary: 'Add a user',
        returns: 'The new user ID',
        schema: NEW_ID,
        params: [vars],
        invoke: async ({ args }) => String((await this.users.add(recordArg(args['vars']))).id),
      },
      {
        model: 'users',
        method: 'get',
        verb: 'GET',
        summary: 'Fetch a user by ID',
        returns: 'The user, or false when there is no such user',
        schema: oneOrFalse('BlestaUser'),
        params: [{ name: 'user_id', required: true, type: 'integer', description: 'The ID of the user' }],
        invoke: async ({ args }) => {
          const user = await this.users.get(intArg(args['user_id']));
          return user ? userRow(user) : false;
        },
      },
      {
        model: 'users',
        method: 'getByUsername',
        verb: 'GET',
        summary: 'Fetch a user by username',
        returns: 'The user, or false when there is no such user',
        schema: oneOrFalse('BlestaUser'),
        params: [{ name: 'username', required: true, type: 'string', description: 'The username' }],
        invoke: async ({ args }) => {
          const user = await this.users.getByUsername(strArg(args['username']) ?? '');
          return user ? userRow(user) : false;
        },
      },
      {
        model: 'users',
        method: 'edit',
        verb: 'PUT',
        summary: 'Update a user',
        returns: 'null',
        params: [
          { name: 'user_id', required: true, type: 'integer', description: 'The ID of the user' },
          { ...vars, description: 'username, new_password, confirm_password, current_password, two_factor_mode' },
          { name: 'validate_pass', required: false, default: false, type: 'boolean', description: 'Require vars[current_password] to match' },
        ],
        invoke: async ({ args }) => {
          await this.users.edit(intArg(args['user_id']), recordArg(args['vars']), args['validate_pass'] === true || strArg(args['validate_pass']) === 'true' || strArg(args['validate_pass']) === '1');
          return null;
        },
      },
      {
        model: 'users',
        method: 'delete',
        verb: 'DELETE',
        summary: 'Delete a user that no client uses',
        returns: 'null',
        params: [{ name: 'user_id', required: true, type: 'integer', description: 'The ID of the user' }],
        invoke: async ({ args }) => {
          await this.users.delete(intArg(args['user_id']));
          return null;
        },
      },
      {
        model: 'users',
        method: 'auth',
        verb: 'POST',
        summary: 'Check a username and password',
        returns: 'true when the credentials are valid for the given type',
        schema: BOOLEAN,
        params: [
          { name: 'username', required: true, type: 'string', description: 'The username' },
          { name: 'vars', required: true, type: 'array', description: 'password (and username)' },
          { name: 'type', required: false, default: 'any', type: 'string', description: 'any, staff, client or contact' },
        ],
        invoke: async ({ args }) => {
          const type = strArg(args['type']) ?? 'any';
          if (!(AUTH_TYPES as readonly string[]).includes(type)) return false;
          return this.users.auth(strArg(args['username']) ?? '', strArg(recordArg(args['vars'])['password']) ?? '', type as AuthType);
        },
      },
    );
  }
}
