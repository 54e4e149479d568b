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
