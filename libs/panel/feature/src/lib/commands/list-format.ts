/**
 * Hestia builds its JSON by hand: UPPER_SNAKE keys, every value a string, 4/8-space indents, entries
 * joined by ",\n" and the last entry's brace glued to the outer one. Clients that iterate may depend
 * on the key order, so the order of `fields` is kept.
 */
export function hestiaJsonObjects(entries: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>): string {
  if (entries.length === 0) return '{\n}';
  const blocks = entries.map(([name, fields]) => {
    const lines = fields.map(([k, v]) => `        ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    return `    ${JSON.stringify(name)}: {\n${lines.join(',\n')}\n        }`;
  });
  return `{\n${blocks.join(',\n')}}`;
}

/** `column -t`: each column padded to its widest cell plus two spaces, last column unpadded. */
export function columnTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 2))).join('')).join('\n');
}

/**
 * The JSON of Hestia's per-user object lists (packages, web/DNS/mail domains, databases): unlike the
 * user lists, each object closes with a 4-space brace and the outer brace sits on its own line.
 */
export function hestiaJsonList(entries: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>): string {
  if (entries.length === 0) return '{\n}';
  const blocks = entries.map(([name, fields]) => `    ${JSON.stringify(name)}: {\n${fields.map(([k, v]) => `        ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n    }`);
  return `{\n${blocks.join(',\n')}\n}`;
}

export type ListRecord = Readonly<Record<string, string>>;

/** Which fields each format prints, in order; `csvQuoted` are the free-text ones Hestia wraps in quotes. */
export interface ListSpec {
  readonly json: readonly string[];
  readonly plain: readonly string[];
  readonly csv: readonly string[];
  readonly csvQuoted?: ReadonlySet<string>;
  readonly shell: {
    readonly header: readonly string[];
    readonly dashes: readonly string[];
    readonly row: (r: ListRecord) => readonly string[];
    /** `column -t -s '^'` keeps each field; plain `column -t` splits on whitespace, so empty fields vanish. */
    readonly caretSeparated?: boolean;
  };
}

/** A v-list-* of per-user objects in one of Hestia's formats; undefined (prints nothing) for an unknown one. */
export function formatObjectList(entries: ReadonlyArray<readonly [string, ListRecord]>, spec: ListSpec, format: string): string | undefined {
  const v = (r: ListRecord, k: string): string => r[k] ?? '';
  switch (format) {
    case 'json':
      return hestiaJsonList(entries.map(([name, r]) => [name, spec.json.map((k) => [k, v(r, k)] as const)] as const));
    case 'plain':
      return entries.map(([, r]) => spec.plain.map((k) => v(r, k)).join('\t')).join('\n');
    case 'csv':
      return [spec.csv.join(','), ...entries.map(([, r]) => spec.csv.map((k) => (spec.csvQuoted?.has(k) ? `"${v(r, k)}"` : v(r, k))).join(','))].join('\n');
    case 'shell': {
      const cells = (row: readonly string[]): readonly string[] => (spec.shell.caretSeparated ? row : row.join(' ').split(/\s+/).filter((c) => c !== ''));
      return columnTable([spec.shell.header, spec.shell.dashes, ...entries.map(([, r]) => cells(spec.shell.row(r)))]);
    }
    default:
      return undefined;
  }
}

export const keys = (s: string): readonly string[] => s.split(' ');
