import { type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

/**
 * Reads one row and holds it until the transaction ends; null when it no longer exists. On
 * PostgreSQL, `share` (FOR SHARE) for a write that adds rows pointing at it, `update` (FOR UPDATE)
 * for its deletion: an add waits for a deletion under way and then finds the row gone, and a
 * deletion waits for an add under way and then sees what it added, so the two end as if one had
 * run after the other (not both, and not a foreign-key error). SQLite runs one writing transaction
 * at a time, so reading the row inside the transaction is enough there.
 */
export function holdRow<T extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<T>, where: FindOptionsWhere<T>, mode: 'share' | 'update'): Promise<T | null> {
  const pg = tx.connection.options.type === 'postgres';
  return tx.getRepository(entity).findOne({ where, ...(pg ? { lock: { mode: mode === 'share' ? ('pessimistic_read' as const) : ('pessimistic_write' as const) } } : {}) });
}
