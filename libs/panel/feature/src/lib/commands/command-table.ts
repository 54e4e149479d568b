import { type Principal } from '@hostgate/shared/auth';
import { type CommandResult } from '../api/hestia-output';

export interface CommandContext {
  /** arg1..argN after Hestia's compaction (missing positions close up). */
  readonly args: readonly string[];
  readonly principal: Principal;
}

/** One v-* script: its usage line (printed for too few arguments) and its body. */
export interface PanelCommand {
  readonly name: string;
  /** The script's `# options:` line, e.g. "USER [FORMAT]". */
  readonly options: string;
  readonly minArgs: number;
  run(ctx: CommandContext): Promise<CommandResult>;
}

/** Commands are registered by their family's handler file, never by a switch here. */
export class CommandTable {
  private readonly commands = new Map<string, PanelCommand>();

  register(...commands: PanelCommand[]): void {
    for (const c of commands) this.commands.set(c.name, c);
  }

  get(name: string): PanelCommand | undefined {
    return this.commands.get(name);
  }

  names(): string[] {
    return [...this.commands.keys()].sort();
  }
}

export const ok = (output = ''): CommandResult => ({ code: 0, output });
