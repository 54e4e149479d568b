import { type DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral, QueryFailedError } from 'typeorm';
import { type DomainError } from '@hostgate/shared/errors';
import { compiledFindOne, type CompiledWhere } from '@hostgate/shared/persistence';

/**
 * Reads one row and holds it until the transaction ends; null when it no longer exists. On
 * PostgreSQL, `share` (FOR SHARE) for a write that adds rows pointing at it, `update` (FOR UPDATE)
 * for its deletion: an add waits for a deletion under way and then finds the row gone, and a
 * deletion waits for an add under way and then sees what it added, so the two end as if one had
 * run after the other (not both, and not a foreign-key error). SQLite runs one writing transaction
 * at a time, so reading the row inside the transaction is enough there.
 */
export function holdRow<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, where: CompiledWhere<T>, mode: 'share' | 'update'): Promise<T | null> {
  const repo = tx.getRepository(entity);
  // SQLite: a prepared statement (TypeORM's findOne builds its query each time, a tenth of an invoice add).
  if (tx.connection.options.type !== 'postgres') return compiledFindOne(repo, where);
  return repo.findOne({ where: where as FindOptionsWhere<T>, lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' } });
}

function driverCode(e: unknown): string {
  if (!(e instanceof QueryFailedError)) return '';
  const d: unknown = e.driverError;
  return typeof d === 'object' && d !== null && 'code' in d ? String(d.code) : '';
}

/** A foreign key refused the row: what it pointed at was deleted by a concurrent request. */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = driverCode(e);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function isUniqueConstraint(e: unknown): boolean {
  const code = driverCode(e);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Runs a write, answering a lost race on a referenced row as that row not being found. */
export async function writeReferencing<T>(write: () => Promise<T>, gone: () => DomainError): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isForeignKeyViolation(e)) throw gone();
    throw e;
  }
}

/**
 * Saves a changed row that was read outside a transaction, only if it still exists: held first (see
 * holdRow), so a deletion under way makes it `gone()` and a later one waits for this write. TypeORM's
 * save inserts a row it does not find, which would bring a deleted row back.
 */
export function saveExisting<T extends ObjectLiteral & { id: number }>(dataSource: DataSource, entity: EntityTarget<T>, row: T, gone: () => Error): Promise<T> {
  return dataSource.transaction(async (tx) => {
    if (!(await holdRow(tx, entity, { id: row.id } as CompiledWhere<T>, 'update'))) throw gone();
    return tx.getRepository(entity).save(row);
  });
}
