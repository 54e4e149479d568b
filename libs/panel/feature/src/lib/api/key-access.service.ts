import { Injectable } from '@nestjs/common';
import { AccountsService, PanelApiGateService } from '@hostgate/domain';
import { type Principal } from '@hostgate/shared/auth';
import { DialectResponse } from '@hostgate/shared/errors';
import { type PanelCommand } from '../commands/command-table';
import { keyMayRun, userArgIndex } from './access-profiles';
import { HestiaExit } from './hestia-codes';
import { hestiaApiError } from './hestia-output';

/**
 * What v-check-access-key decides after the secret matched, in its order: the key's profiles must
 * allow the command, its owner must exist and be active, and a non-admin key may only name its own
 * user in the script's USER argument, and only while API_SYSTEM lets users' keys in at all.
 */
@Injectable()
export class KeyAccessService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly gate: PanelApiGateService,
  ) {}

  async authorize(key: Principal, command: PanelCommand, args: readonly string[], returnCode: boolean): Promise<void> {
    const deny = (code: HestiaExit, message: string): never => {
      throw new DialectResponse(hestiaApiError(code, message, returnCode));
    };
    const root = await this.accounts.rootUser();
    const ownerName = key.owner ?? root?.username ?? '';
    const owner = await this.accounts.find(ownerName);
    const isAdmin = owner?.role === 'admin';
    if (!keyMayRun(key.permissions, isAdmin, command.name)) deny(HestiaExit.E_FORBIDDEN, `Key ${key.identifier} don't have permission to run the command ${command.name}`);
    if (!owner) return deny(HestiaExit.E_PASSWORD, `user ${ownerName} doesn't exist`);
    if (owner.suspended) deny(HestiaExit.E_PASSWORD, `user ${owner.username} is suspended`);
    // API_SYSTEM 1 keeps access keys to the admin; a user's own key needs level 2.
    if (!isAdmin && (await this.gate.accessKeyLevel()) < 2) deny(HestiaExit.E_API_DISABLED, 'API has been disabled');
    const index = userArgIndex(command.options);
    if (!isAdmin && index >= 0 && args[index] !== owner.username) {
      // Hestia's PHP prints the backslashes of its \' escapes literally; clients match this text.
      deny(HestiaExit.E_FORBIDDEN, `Key ${key.identifier} - the "user" argument doesn\\'t match the key\\'s user`);
    }
  }
}
