import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager, TypeORMError } from 'typeorm';
import { databaseErrorCode } from '@hostgate/shared/errors';

/**
 * PostgreSQL's answers for a transaction that lost to another one and was rolled back: a deadlock
 * (40P01: each held a row the other wanted; the server picks one to abort) and a serialization
 * failure (40001). Neither says anything about the request: the same work run again succeeds.
 */
const LOST_TO_ANOTHER = new Set(['40P01', '40001']);

/** Runs of one transaction in all (the first and the retries). */
export const PG_TRANSACTION_ATTEMPTS = 5;

/** Whether `e` is PostgreSQL rolling a transaction back because another one got in its way. */
export function isTransactionConflict(e: unknown): boolean {
  return LOST_TO_ANOTHER.has(databaseErrorCode(e));
}

/** A random pause before run `attempt + 1`, growing with each lost run (up to 10, 20, 40, 80 ms). */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * 10 * 2 ** (attempt - 1);
  return new Promise((done) => setTimeout(done, ms));
}

type TransactionMethod = EntityManager['transaction'];

/**
 * Makes every transaction started from the data source (`dataSource.transaction`, its manager's,
 * a repository's) run again from its start, on a fresh connection, when PostgreSQL aborts it for a
 * deadlock or a serialization failure: two requests that lock the same rows in different orders
 * both complete instead of one answering the dialect's 500. The callback is run again as a whole,
 * so it must not act outside the database (every transaction in Hostgate only reads and writes
 * rows; files, queues and HTTP calls happen before or after it). A transaction started inside
 * another one (a savepoint) is not run again by itself: the outer one is. After
 * `PG_TRANSACTION_ATTEMPTS` lost runs the last error is thrown as before.
 */
export function installPgTransactionRetry(dataSource: DataSource, attempts = PG_TRANSACTION_ATTEMPTS): void {
  if (dataSource.options.type !== 'postgres') throw new TypeORMError(`installPgTransactionRetry needs a postgres data source, not ${dataSource.options.type}`);
  const manager = dataSource.manager;
  const logger = new Logger('Persistence');
  const once = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const retried = async (...args: unknown[]): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(...args);
      } catch (e) {
        if (attempt >= attempts || !isTransactionConflict(e)) throw e;
        // Worth knowing: a deadlock means two writes take the same rows in different orders.
        logger.warn(`a transaction was rolled back by PostgreSQL (${databaseErrorCode(e)} ${(e as Error).message}) and runs again (run ${attempt + 1} of ${attempts})`);
        await pause(attempt);
      }
    }
  };
  manager.transaction = retried as TransactionMethod;
}
