import { Injectable, type OnModuleInit } from '@nestjs/common';
import { UsersService } from '@hostgate/domain';
import { asStdClass, type PhpValue } from '@hostgate/shared/formats';
import { type UserEntity } from '@hostgate/shared/persistence';
import { BlestaRegistry } from '../api/blesta-registry';
import { blestaTimestamp, intArg } from '../api/blesta-values';

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

@Injectable()
export class UsersMethods implements OnModuleInit {
  constructor(
    private readonly registry: BlestaRegistry,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      model: 'users',
      method: 'get',
      verb: 'GET',
      summary: 'Fetch a user by ID',
      returns: 'The user, or false when there is no such user',
      params: [{ name: 'user_id', required: true, type: 'integer', description: 'The ID of the user' }],
      invoke: async ({ args }) => {
        const user = await this.users.get(intArg(args['user_id']));
        return user ? userRow(user) : false;
      },
    });
  }
}
