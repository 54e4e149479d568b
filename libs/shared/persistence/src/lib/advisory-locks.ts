import { type EntityManager } from 'typeorm';

/**
 * Takes `name` in `namespace` for the rest of the transaction (PostgreSQL's transaction-level
 * advisory lock on the name's hash): writers that check a name before they take it then run one
 * after the other, and the second sees what the first committed. Names whose hashes collide only
 * wait for each other. SQLite runs one writing transaction at a time, so nothing is needed there.
 * Each caller uses its own namespace (any constant no other lock of the schema uses).
 */
export async function holdName(tx: EntityManager, namespace: number, name: string): Promise<void> {
  if (tx.connection.options.type !== 'postgres' || !tx.queryRunner?.isTransactionActive) return;
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, name]);
}
