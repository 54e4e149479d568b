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

/** One handler file's commands (users, web domains, ...); the table is built from every family. */
export interface PanelCommandFamily {
  commands(): PanelCommand[];
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

  /** Every command, sorted by name (the OpenAPI document lists them so). */
  all(): PanelCommand[] {
    return this.names().map((n) => this.commands.get(n) as PanelCommand);
  }
}

export const ok = (output = ''): CommandResult => ({ code: 0, output });

/** A list command's answer: an unknown FORMAT prints nothing, which legacy callers see as OK. */
export const listed = (output: string | undefined): CommandResult => ok(output ?? '');

export const command = (name: string, options: string, minArgs: number, run: PanelCommand['run']): PanelCommand => ({ name, options, minArgs, run });

/**
 * `${N-default}`: the default applies only when the argument is absent; an empty argument stays
 * empty (v-add-user with an empty PACKAGE looks up package "").
 */
export const argOr = (args: readonly string[], index: number, fallback: string): string => (index < args.length ? args[index] : fallback);

/** `$N` of a present-or-absent argument, empty when absent (bash expands an unset positional to ""). */
export const arg = (args: readonly string[], index: number): string => args[index] ?? '';
