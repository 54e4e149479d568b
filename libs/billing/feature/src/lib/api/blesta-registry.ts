import { type Principal } from '@hostgate/shared/auth';
import { type PhpValue } from '@hostgate/shared/formats';
import { type OpenApiSchema } from './blesta-schemas';

export interface BlestaParam {
  readonly name: string;
  readonly required: boolean;
  readonly default?: PhpValue;
  /** PHP's view: only `array` is enforced (a string for an array parameter is a TypeError → 500). */
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
  /** What `response` holds on success, for the OpenAPI document (blesta-schemas.ts); untyped without. */
  readonly schema?: OpenApiSchema;
  invoke(call: BlestaCall): Promise<PhpValue>;
}

/** A model file's methods; the registry is built from every set when the module is created. */
export interface BlestaMethodSet {
  registerIn(registry: BlestaRegistry): void;
}

/** Loader::toCamelCase per dot-separated part: users → Users, client_groups → ClientGroups. */
export function blestaModelKey(model: string): string {
  return model
    .split('.')
    .map((part) => (part ? part[0].toUpperCase() + part.slice(1) : part).replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()))
    .join('.');
}

/**
 * Methods every Blesta model has but Router::isCallable refuses (constructor, destructor, the
 * controller hooks): asking for them is a 403, not a 404.
 */
const NEVER_CALLABLE = ['__construct', '__destruct', 'preaction', 'postaction'];

export type BlestaLookup = { readonly kind: 'method'; readonly method: BlestaMethod } | { readonly kind: 'not_callable' } | { readonly kind: 'not_found' };

/** How many model names as callers spell them `lookup` remembers (those of registered models only). */
const MODEL_SPELLINGS = 1024;

export class BlestaRegistry {
  private readonly models = new Map<string, Map<string, BlestaMethod>>();
  private readonly hidden = new Map<string, Set<string>>();
  /** A registered model's key by the name a caller used (users, Users, client_groups, ...). */
  private readonly spellings = new Map<string, string>();

  register(...methods: BlestaMethod[]): void {
    for (const m of methods) {
      const key = blestaModelKey(m.model);
      const table = this.models.get(key) ?? new Map<string, BlestaMethod>();
      table.set(m.method.toLowerCase(), m);
      this.models.set(key, table);
    }
  }

  /** Declares methods that exist on a model but are not public (Blesta answers them 403). */
  notCallable(model: string, ...methods: string[]): void {
    const key = blestaModelKey(model);
    const set = this.hidden.get(key) ?? new Set<string>();
    for (const m of methods) set.add(m.toLowerCase());
    this.hidden.set(key, set);
  }

  /** Model missing → not found; a known method → it; a private or magic one → not callable. */
  lookup(model: string, method: string): BlestaLookup {
    const key = this.spellings.get(model) ?? blestaModelKey(model);
    const table = this.models.get(key);
    if (!table) return { kind: 'not_found' };
    if (this.spellings.size < MODEL_SPELLINGS) this.spellings.set(model, key);
    const name = method.toLowerCase();
    const found = table.get(name);
    if (found) return { kind: 'method', method: found };
    if (NEVER_CALLABLE.includes(name) || this.hidden.get(key)?.has(name)) return { kind: 'not_callable' };
    return { kind: 'not_found' };
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
