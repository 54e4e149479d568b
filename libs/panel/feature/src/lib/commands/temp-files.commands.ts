import { Injectable } from '@nestjs/common';
import { TempFilesService } from '@hostgate/domain';
import { command, ok, type PanelCommand, type PanelCommandFamily } from './command-table';
import { hasControlCharacter } from './hestia-validators';

/** The panel host's temp directory, as clients spell it in `<TMP>/name` arguments. */
export const TMP_DIR = '/tmp';

/**
 * Hestia's pseudo-command v-make-tmp-file: `arg1` plus a newline goes to `<TMP>/<basename(arg2)>`,
 * so that a later call can pass a password as that path instead of in clear (test/api.bats does).
 */
@Injectable()
export class TempFilesCommands implements PanelCommandFamily {
  constructor(
    private readonly files: TempFilesService,
  ) {}

  commands(): PanelCommand[] {
    return [
      command('v-make-tmp-file', 'CONTENT FILENAME', 2, async ({ args }) => {
        const name = args[1].split('/').pop() ?? '';
        if (name === '' || name === '.' || name === '..' || name.length > 255 || hasControlCharacter(name)) return { code: 2, output: `Error: invalid filename format :: ${args[1]}` };
        // A file's bytes may be anything but NUL, which neither bash's `head` nor the shared store keeps.
        if (args[0].includes('\0')) return { code: 2, output: 'Error: invalid content format' };
        await this.files.write(name, `${args[0]}\n`);
        return ok();
      }),
    ];
  }
}

/**
 * is_password_valid: a password argument of the form `<TMP>/name` (no `../`) is replaced by the
 * first line of that file when it exists; otherwise the argument is the password itself.
 */
export async function resolveSecret(files: TempFilesService, value: string): Promise<string> {
  if (!value.startsWith(`${TMP_DIR}/`) || value.includes('../')) return value;
  const name = value.slice(TMP_DIR.length + 1);
  if (name.includes('/') || name.length > 255 || hasControlCharacter(name)) return value;
  return (await files.firstLine(name)) ?? value;
}
