import { type BlestaMethod } from './blesta-registry';

export const MISSING_DEFAULT = 'Internal error: Failed to retrieve the default value';

export type MatchedParameters = { readonly ok: true; readonly args: Record<string, unknown> } | { readonly ok: false; readonly error: string };

/**
 * Api::matchParameters: each declared parameter takes the request value of that exact name when it
 * is set (null is "not set", "" is set), else its default; one with no default is PHP's
 * "Failed to retrieve the default value" (500). Unknown extra keys are ignored (PHP 7 behaviour; PHP
 * 8 would fail on them, which no client relies on). A string for an `array` parameter is PHP's
 * TypeError, also a 500.
 */
export function matchParameters(method: BlestaMethod, sent: Readonly<Record<string, unknown>>): MatchedParameters {
  const args: Record<string, unknown> = {};
  for (const [i, p] of method.params.entries()) {
    const v = Object.prototype.hasOwnProperty.call(sent, p.name) ? sent[p.name] : undefined;
    if (v !== undefined && v !== null) {
      if (p.type === 'array' && (typeof v !== 'object' || v === null)) {
        return { ok: false, error: `${blestaClass(method.model)}::${method.method}(): Argument #${i + 1} ($${p.name}) must be of type array, ${phpType(v)} given` };
      }
      args[p.name] = v;
    } else if (p.default !== undefined) args[p.name] = p.default;
    else return { ok: false, error: MISSING_DEFAULT };
  }
  return { ok: true, args };
}

function blestaClass(model: string): string {
  return model
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join('');
}

function phpType(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    default:
      return 'null';
  }
}
