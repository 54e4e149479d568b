import { type EntityManager } from 'typeorm';
import { compiledQuery } from '@hostgate/shared/persistence';

/**
 * Draws the next id_value of a per-company sequence (clients, invoices). The counter row is bumped
 * with one UPDATE ... RETURNING inside the caller's transaction: atomic on SQLite and PostgreSQL
 * (which also holds the row lock until commit), so concurrent adds never draw the same number.
 */
export async function nextSequenceValue(tx: EntityManager, companyId: number, name: string, start: number, increment: number): Promise<number> {
  await compiledQuery(tx, 'INSERT INTO billing_sequences (company_id, name, value) VALUES (:companyId, :name, :initial) ON CONFLICT (company_id, name) DO NOTHING', { companyId, name, initial: start - increment });
  const [row] = await compiledQuery<{ value: number | string }>(tx, 'UPDATE billing_sequences SET value = value + :increment WHERE company_id = :companyId AND name = :name RETURNING value', { increment, companyId, name });
  const value = Number(row?.value);
  if (!Number.isSafeInteger(value)) throw new Error(`sequence ${name} of company ${companyId} returned no value`);
  return value;
}

/** id_code: the format with {num} replaced by the value. */
export function idCode(format: string, value: number): string {
  return format.split('{num}').join(String(value));
}
