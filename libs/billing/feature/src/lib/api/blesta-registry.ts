import { Injectable } from '@nestjs/common';
import { type Principal } from '@hostgate/shared/auth';
import { type PhpValue } from '@hostgate/shared/formats';

export interface BlestaParam {
  readonly name: string;
  readonly required: boolean;
  readonly default?: PhpValue;
  readonly type: 'string' | 'integer' | 'array' | 'boolean';
  readonly description: string;
}

export interface BlestaCall {
  readonly args: Readonly<Record<string, unknown>>;
  readonly principal: Principal;
}

/** One callable model method: drives routing, parameter matching and the OpenAPI document. */
export interface BlestaMethod {
  /** snake_case model as clients usually write it, e.g. "users", "client_groups". */
  readonly model: string;
  readonly method: string;
  readonly verb: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly summary: string;
  readonly params: readonly BlestaParam[];
  readonly returns: string;
  invoke(call: BlestaCall): Promise<PhpValue>;
}

/** Loader::toCamelCase per dot-separated part: users → Users, client_groups → ClientGroups. */
export function blestaModelKey(model: string): string {
  return model
    .split('.')
    .map((part) => (part ? part[0].toUpperCase() + part.slice(1) : part).replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()))
    .join('.');
}

@Injectable()
export class BlestaRegistry {
  private readonly models = new Map<string, Map<string, BlestaMethod>>();

  register(...methods: BlestaMethod[]): void {
    for (const m of methods) {
      const key = blestaModelKey(m.model);
      const table = this.models.get(key) ?? new Map<string, BlestaMethod>();
      table.set(m.method.toLowerCase(), m);
      this.models.set(key, table);
    }
  }

  hasModel(model: string): boolean {
    return this.models.has(blestaModelKey(model));
  }

  /** PHP method lookup is case-insensitive: getlist finds getList. */
  find(model: string, method: string): BlestaMethod | undefined {
    return this.models.get(blestaModelKey(model))?.get(method.toLowerCase());
  }

  all(): BlestaMethod[] {
    return [...this.models.values()].flatMap((t) => [...t.values()]);
  }
}
