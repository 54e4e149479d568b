import { type Type } from '@nestjs/common';
import { type DialectErrorRenderer } from '@hostgate/shared/errors';

/** What a dialect lib hands to an app: its module, its path prefix, its error shape and its docs. */
export interface DialectRegistration {
  readonly name: 'billing' | 'panel' | 'project' | 'installer';
  /** Without slashes, e.g. "billing". */
  readonly prefix: string;
  readonly module: Type<unknown>;
  readonly renderer: DialectErrorRenderer;
  readonly openApi: { readonly title: string; readonly description: string; readonly version: string };
}

/** Finds which dialect owns a URL; the longest matching prefix wins. */
export class DialectRouter {
  private readonly sorted: DialectRegistration[];

  constructor(readonly dialects: readonly DialectRegistration[]) {
    this.sorted = [...dialects].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  owner(url: string): DialectRegistration | undefined {
    const path = url.split('?')[0];
    return this.sorted.find((d) => path === `/${d.prefix}` || path.startsWith(`/${d.prefix}/`));
  }
}
