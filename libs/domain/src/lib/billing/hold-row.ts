import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Holds one row (by its `id`) until the transaction ends and answers whether it still exists. On
 * PostgreSQL, `share` (FOR SHARE) for a write that adds rows pointing at it, `update` (FOR UPDATE)
 * for its deletion: an add waits for a deletion under way and then finds the row gone, and a
 * deletion waits for an add under way and then sees what it added, so the two end as if one had
 * run after the other. SQLite runs one writing transaction at a time, so reading the row inside the
 * transaction is enough there.
 */
export async function holdRow(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, id: number, mode: 'share' | 'update'): Promise<boolean> {
  const qb = tx.getRepository(entity).createQueryBuilder('r').select('r.id', 'id').where('r.id = :id', { id });
  if (tx.connection.options.type === 'postgres') qb.setLock(mode === 'share' ? 'pessimistic_read' : 'pessimistic_write');
  return (await qb.getRawOne<{ id: number }>()) !== undefined;
}
