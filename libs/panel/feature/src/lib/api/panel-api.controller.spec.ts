import { DomainError } from '@hostgate/shared/errors';
import { type CommandContext, type PanelCommand } from '../commands/command-table';
import { PanelExit } from '../commands/hestia-validators';
import { HestiaExit } from './hestia-codes';
import { runCommand } from './panel-api.controller';

const failing = (error: unknown): PanelCommand => ({
  name: 'v-test',
  options: 'USER',
  minArgs: 0,
  run: () => Promise.reject(error),
});
const ctx = { args: [], principal: {} } as unknown as CommandContext;

describe('runCommand: a failing script prints "Error: ..." and exits with its code', () => {
  it('a script exit, a domain error and a value the database refused each become the exit code and message', async () => {
    expect(await runCommand(failing(new PanelExit(HestiaExit.E_EXISTS, 'exists')), ctx)).toEqual({ code: HestiaExit.E_EXISTS, output: 'Error: exists' });
    expect(await runCommand(failing(DomainError.notFound('user', 'bob')), ctx)).toEqual({ code: HestiaExit.E_NOTEXIST, output: "Error: user bob doesn't exist" });
    // PostgreSQL's class 22 is the client's value: E_INVALID in whichever output mode the caller chose, as over SQLite's validators.
    const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { name: 'QueryFailedError', driverError: { code: '22021' } });
    expect(await runCommand(failing(refused), ctx)).toEqual({ code: HestiaExit.E_INVALID, output: 'Error: A value given is out of range or not valid.' });
  });

  it('any other failure is not the script’s: it reaches the exception filter (the panel’s 500)', async () => {
    const broken = Object.assign(new Error('connection terminated'), { name: 'QueryFailedError', driverError: { code: '08006' } });
    await expect(runCommand(failing(broken), ctx)).rejects.toBe(broken);
  });
});
