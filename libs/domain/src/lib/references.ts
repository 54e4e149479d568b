import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { databaseErrorCode, type DomainError } from '@hostgate/shared/errors';
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
  // A prepared statement (TypeORM's findOne builds its query each time: a tenth of an invoice add
  // on SQLite). A plain read (a listing) comes without a transaction, where PostgreSQL cannot hold
  // a row lock; SQLite ignores the lock.
  return compiledFindOne(repo, where, tx.queryRunner?.isTransactionActive ? { lock: mode } : {});
}

/** A foreign key refused the row: what it pointed at was deleted by a concurrent request. */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = databaseErrorCode(e);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A unique index refused the row (on SQLite, not its primary key). */
export function isUniqueConstraint(e: unknown): boolean {
  const code = databaseErrorCode(e);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * A unique index refused the row: two requests passed the existence check at once (on PostgreSQL
 * the account lock serialises one account's writes, not two accounts racing for one name). On
 * SQLite any constraint code counts, as it did for the hosting inserts that use it.
 */
export function isUniqueViolation(e: unknown): boolean {
  return isUniqueConstraint(e) || databaseErrorCode(e).startsWith('SQLITE_CONSTRAINT');
}

/** Runs a write, answering the database errors `lost` recognises (a race lost to another request) with `answer()`. */
async function answering<T>(write: () => Promise<T>, lost: (e: unknown) => boolean, answer: () => DomainError): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (lost(e)) throw answer();
    throw e;
  }
}

/** Runs an insert, turning a lost uniqueness race into the same "exists" answer the check gives. */
export function insertUnique<T>(insert: () => Promise<T>, exists: () => DomainError): Promise<T> {
  return answering(insert, isUniqueViolation, exists);
}

/** Runs a write, answering a lost race on a referenced row as that row not being found. */
export function writeReferencing<T>(write: () => Promise<T>, gone: () => DomainError): Promise<T> {
  return answering(write, isForeignKeyViolation, gone);
}

/**
 * Writes `changes` (undefined ones left out) to a row read earlier outside a transaction, only if it
 * still exists, and answers the row as it now is. The row is held first (see holdRow), so a
 * deletion under way makes it `gone()` and a later one waits for this write; only the changed
 * columns are written, so a concurrent change to another column is kept. (TypeORM's save of the
 * entity read earlier would write back every column that differs from the row, and insert the row
 * again if it was deleted.)
 */
export function updateExisting<T extends ObjectLiteral & { id: number }>(dataSource: DataSource, entity: EntityTarget<T>, id: number, changes: Partial<T>, gone: () => Error): Promise<T> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
  const where = { id } as CompiledWhere<T>;
  return dataSource.transaction(async (tx) => {
    if (!(await holdRow(tx, entity, where, 'update'))) throw gone();
    if (Object.keys(set).length > 0) await tx.getRepository(entity).update(id, set as QueryDeepPartialEntity<T>);
    // Read again: the update also set the row's update date.
    return (await compiledFindOne(tx.getRepository(entity), where)) ?? Promise.reject(gone());
  });
}
