import { type EntityManager } from 'typeorm';

/**
 * Draws the next id_value of a per-company sequence (clients, invoices). The counter row is bumped
 * with one UPDATE ... RETURNING inside the caller's transaction: atomic on SQLite and PostgreSQL
 * (which also holds the row lock until commit), so concurrent adds never draw the same number.
 */
export async function nextSequenceValue(tx: EntityManager, companyId: number, name: string, start: number, increment: number): Promise<number> {
  const pg = tx.connection.options.type === 'postgres';
  const p = (i: number): string => (pg ? `$${i}` : '?');
  await tx.query(`INSERT INTO billing_sequences (company_id, name, value) VALUES (${p(1)}, ${p(2)}, ${p(3)}) ON CONFLICT (company_id, name) DO NOTHING`, [companyId, name, start - increment]);
  const rows = (await tx.query(`UPDATE billing_sequences SET value = value + ${p(1)} WHERE company_id = ${p(2)} AND name = ${p(3)} RETURNING value`, [increment, companyId, name])) as unknown;
  const first = Array.isArray(rows) ? (Array.isArray(rows[0]) ? (rows[0] as unknown[])[0] : rows[0]) : undefined;
  const value = typeof first === 'object' && first !== null && 'value' in first ? Number(first.value) : NaN;
  if (!Number.isSafeInteger(value)) throw new Error(`sequence ${name} of company ${companyId} returned no value`);
  return value;
}

/** id_code: the format with {num} replaced by the value. */
export function idCode(format: string, value: number): string {
  return format.split('{num}').join(String(value));
}
