import { type DataSource, QueryFailedError, TypeORMError } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** A statement that only reads: what may have a value no row can hold taken as NULL. */
const READ_ONLY = /^\s*SELECT\b/i;

/**
 * PostgreSQL's data exceptions for a bound value its column type cannot take, with the value quoted
 * in the message: `value "99999999999" is out of range for type integer` (22003) and
 * `invalid input syntax for type integer: "1.5"` (22P02). The messages are the server's English
 * ones; with another lc_messages nothing matches and the error stays as it was.
 */
const OFFENDING_VALUE: ReadonlyArray<readonly [string, RegExp]> = [
  ['22003', /^value "(.*)" is out of range for type (?:smallint|integer|bigint)$/s],
  ['22P02', /^invalid input syntax for type (?:smallint|integer|bigint|numeric|boolean|real|double precision): "(.*)"$/s],
];

/** Tries per statement: each names one value; a statement has a handful of parameters. */
const MAX_RETRIES = 8;

function hasNul(v: unknown): boolean {
  return typeof v === 'string' && v.includes('\u0000');
}

function withoutNul(v: unknown): unknown {
  if (hasNul(v)) return null;
  return Array.isArray(v) && v.some(hasNul) ? v.map((e) => (hasNul(e) ? null : e)) : v;
}

/** The value a data exception names, when it is one of those above. */
export function offendingValue(e: unknown): string | undefined {
  const driverError = e instanceof QueryFailedError ? (e.driverError as { code?: unknown; message?: unknown }) : undefined;
  if (typeof driverError?.message !== 'string') return undefined;
  for (const [code, pattern] of OFFENDING_VALUE) {
    if (driverError.code !== code) continue;
    const m = pattern.exec(driverError.message);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Reads on PostgreSQL find nothing with a value no row can hold, as they do on SQLite (and on the
 * products' MySQL): a NUL in a text value (PostgreSQL text cannot hold one and refuses the whole
 * statement), an id beyond the integer column, a fraction or a word where an integer is compared.
 * Such a value is bound as NULL instead, which equals nothing, for SELECTs only: a filter value
 * that can only fail to match goes on failing to match, and writes still refuse what they cannot
 * store. A NUL is seen in the values before the statement is sent. A number or a word is seen
 * when PostgreSQL refuses it (it is the column that decides): the statement is sent again with
 * that value as NULL, outside a transaction only (inside one, the refusal has already aborted it,
 * and the dialect answers its invalid-input error as before).
 *
 * Only equality, IN and LIKE filters take client values in Hostgate's SQL; under `<>` or NOT a
 * NULL would match nothing where the value matched everything, so such filters must not be fed
 * client values without `compiledFind`'s own checks.
 */
export async function readLeniently<T>(sql: string, parameters: unknown[] | undefined, inTransaction: boolean, run: (values: unknown[] | undefined) => Promise<T>): Promise<T> {
  if (!parameters || parameters.length === 0 || !READ_ONLY.test(sql)) return run(parameters);
  let values = parameters.some((p) => hasNul(p) || Array.isArray(p)) ? parameters.map(withoutNul) : parameters;
  if (inTransaction) return run(values);
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(values);
    } catch (e) {
      const offending = attempt < MAX_RETRIES ? offendingValue(e) : undefined;
      if (offending === undefined) throw e;
      const next = values.map((v) => ((typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') && String(v) === offending ? null : v));
      if (next.every((v, i) => v === values[i])) throw e;
      values = next;
    }
  }
}

/** TypeORM's runner for PostgreSQL, reading as `readLeniently` describes (find, the query builder, `query`). */
class PgReadsQueryRunner extends PostgresQueryRunner {
  override query(query: string, parameters?: unknown[], useStructuredResult = false): Promise<unknown> {
    return readLeniently(query, parameters, this.isTransactionActive, (values) => super.query(query, values, useStructuredResult));
  }
}

/** Makes the PostgreSQL data source's query runners read as `readLeniently` describes. */
export function installPgReads(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') throw new TypeORMError(`installPgReads needs a postgres data source, not ${dataSource.options.type}`);
  const driver = dataSource.driver as PostgresDriver;
  driver.createQueryRunner = (mode) => new PgReadsQueryRunner(driver, mode);
}
