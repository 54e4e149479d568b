import { type INestApplicationContext, type Type } from '@nestjs/common';
import { type OpenAPIObject } from '@nestjs/swagger';
import { type DialectErrorRenderer } from '@hostgate/shared/errors';

/** What a dialect lib hands to an app: its module, its path prefix, its error shape and its docs. */
export interface DialectRegistration {
  readonly name: 'billing' | 'panel' | 'project' | 'installer';
  /** Without slashes, e.g. "billing". */
  readonly prefix: string;
  readonly module: Type<unknown>;
  readonly renderer: DialectErrorRenderer;
  /** The dialect reads urlencoded bodies itself, from their text (`formBodyText`), not parsed for it. */
  readonly formBodyAsText?: boolean;
  readonly openApi: {
    readonly title: string;
    readonly description: string;
    readonly version: string;
    /**
     * Adds what decorators cannot express (e.g. paths generated from a method registry). Runs on the
     * document Nest generated for the dialect's module, with the app to look providers up.
     */
    readonly augment?: (doc: OpenAPIObject, app: INestApplicationContext) => void;
  };
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
