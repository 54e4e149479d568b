import { DateUtils, type EntityManager, EntityNotFoundError, type EntityMetadata, QueryFailedError, type ObjectLiteral, type Repository } from 'typeorm';
import { type ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/** Equality on columns; `null` means IS NULL and an array means IN (an empty one matches nothing). */
export type CompiledWhere<E> = { readonly [K in keyof E]?: E[K] | null | ReadonlyArray<E[K]> };

export interface CompiledFindOptions<E> {
  /** Columns to load (all when absent); properties not loaded are left undefined, as with `select`. */
  readonly select?: ReadonlyArray<keyof E & string>;
  readonly order?: { readonly [K in keyof E]?: 'ASC' | 'DESC' };
  readonly limit?: number;
}

interface Compiled {
  readonly sql: string;
  /** The SQLite statement, prepared on first use for the connection it belongs to. */
  statement?: { readonly db: SqliteConnection; readonly stmt: SqliteStatement };
  /** Where keys bound as parameters, in placeholder order (IS NULL ones take none, IN ones one per value). */
  readonly params: ReadonlyArray<{ readonly key: string; readonly column: ColumnMetadata; readonly index?: number }>;
  readonly columns: readonly ColumnMetadata[];
}

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface SqliteDriver {
  readonly databaseConnection: SqliteConnection;
}

/**
 * better-sqlite3 answers synchronously on the one connection TypeORM holds (inside a transaction
 * too, since that is the same connection), so the statement is run directly: the query runner's
 * per-query events, logging and awaits cost more than the lookup itself.
 */
function sqliteRows(driver: SqliteDriver, compiled: Pick<Compiled, 'sql' | 'statement'>, values: unknown[]): Array<Record<string, unknown>> {
  const db = driver.databaseConnection;
  if (compiled.statement?.db !== db) compiled.statement = { db, stmt: db.prepare(compiled.sql) };
  try {
    return compiled.statement.stmt.all(...values) as Array<Record<string, unknown>>;
  } catch (e) {
    throw new QueryFailedError(compiled.sql, values, e as Error);
  }
}

const MAX_CACHED_IN = 32;
const compiledByEntity = new WeakMap<EntityMetadata, Map<string, Compiled>>();

/**
 * `findOneBy`/`find` for the hot paths: equality filters, a column list, an order and a limit,
 * with the SQL built once per shape and entity instead of by the query builder on every call
 * (which was a third of the CPU of an authenticated read). The SQL is the same for every value,
 * so the driver's prepared-statement cache serves it. Values are bound and converted as TypeORM
 * converts find parameters (column transformers, booleans and dates); rows are hydrated by the
 * driver column by column, as TypeORM hydrates them. Runs inside the repository's transaction
 * when it has one.
 */
export async function compiledFind<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: CompiledFindOptions<E> = {}): Promise<E[]> {
  const metadata = repo.metadata;
  const keys = Object.keys(where).sort();
  // The shape: which keys, which are IS NULL, how long each IN list is.
  const kinds = keys.map((k) => {
    const v: unknown = where[k];
    // findOneBy ignores an undefined value, which would widen the match: refuse it instead.
    if (v === undefined) throw new Error(`compiledFind on ${metadata.name}: ${k} is undefined`);
    return v === null ? -1 : Array.isArray(v) ? v.length : -2;
  });
  let shape = `${keys.join(',')}|${kinds.join(',')}`;
  if (options.select || options.order || options.limit !== undefined) shape += `|${JSON.stringify([options.select ?? null, options.order ?? null, options.limit ?? null])}`;
  let byShape = compiledByEntity.get(metadata);
  if (!byShape) compiledByEntity.set(metadata, (byShape = new Map()));
  let compiled = byShape.get(shape);
  if (!compiled) {
    compiled = compile(repo, keys, kinds, options);
    // Long IN lists (getAll) are one-offs: kept out of the cache so it stays small.
    if (kinds.every((k) => k <= MAX_CACHED_IN)) byShape.set(shape, compiled);
  }
  const driver = repo.manager.connection.driver;
  const sqlite = driver.options.type !== 'postgres';
  const values = compiled.params.map(({ key, column, index }) => {
    const given: unknown = where[key];
    let value = index === undefined ? given : (given as unknown[])[index];
    if (column.transformer) value = ApplyValueTransformers.transformTo(column.transformer, value);
    if (sqlite && typeof value === 'boolean') return +value;
    if (sqlite && value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
    return value;
  });
  const rows = sqlite ? sqliteRows(driver as unknown as SqliteDriver, compiled, values) : ((await repo.manager.query(compiled.sql, values)) as Array<Record<string, unknown>>);
  return rows.map((raw) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const column of compiled.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(raw[column.databaseName], column));
    }
    return entity;
  });
}

/** The first row `compiledFind` finds, or null. */
export async function compiledFindOne<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: Omit<CompiledFindOptions<E>, 'limit'> = {}): Promise<E | null> {
  const [row] = await compiledFind(repo, where, { ...options, limit: 1 });
  return row ?? null;
}

/** `kinds[i]`: -1 IS NULL, -2 equality, n >= 0 an IN list of n values. */
function compile<E extends ObjectLiteral>(repo: Repository<E>, keys: readonly string[], kinds: readonly number[], options: CompiledFindOptions<E>): Compiled {
  const metadata = repo.metadata;
  const driver = repo.manager.connection.driver;
  const column = (property: string): ColumnMetadata => {
    const found = metadata.findColumnWithPropertyPath(property);
    if (!found || found.isVirtual) throw new Error(`${metadata.name} has no column ${property}`);
    return found;
  };
  const columns = options.select ? options.select.map(column) : metadata.columns.filter((c) => !c.isVirtual);
  const params: Array<{ key: string; column: ColumnMetadata; index?: number }> = [];
  const placeholder = (key: string, c: ColumnMetadata, index?: number): string => {
    params.push(index === undefined ? { key, column: c } : { key, column: c, index });
    return driver.createParameter(`p${params.length - 1}`, params.length - 1);
  };
  const conditions = keys.map((key, i) => {
    const c = column(key);
    const name = driver.escape(c.databaseName);
    const kind = kinds[i];
    if (kind === -1) return `${name} IS NULL`;
    if (kind === -2) return `${name} = ${placeholder(key, c)}`;
    if (kind === 0) return '1 = 0';
    return `${name} IN (${Array.from({ length: kind }, (_, n) => placeholder(key, c, n)).join(', ')})`;
  });
  const order = Object.entries(options.order ?? {}).map(([key, dir]) => `${driver.escape(column(key).databaseName)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
  const table = metadata.schema && driver.options.type === 'postgres' ? `${driver.escape(metadata.schema)}.${driver.escape(metadata.tableName)}` : driver.escape(metadata.tableName);
  const sql = [
    `SELECT ${columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${table}`,
    conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    order.length > 0 ? `ORDER BY ${order.join(', ')}` : '',
    options.limit !== undefined ? `LIMIT ${Math.max(0, Math.trunc(options.limit))}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { sql, params, columns };
}

/** `compiledFindOne`, throwing TypeORM's EntityNotFoundError when nothing matches (as findOneByOrFail). */
export async function compiledFindOneOrFail<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: Omit<CompiledFindOptions<E>, 'limit'> = {}): Promise<E> {
  const row = await compiledFindOne(repo, where, options);
  if (row === null) throw new EntityNotFoundError(repo.target, where);
  return row;
}

interface CompiledSql {
  readonly sql: string;
  readonly names: readonly string[];
  statement?: { readonly db: SqliteConnection; readonly stmt: SqliteStatement };
}

const compiledSql = new Map<string, CompiledSql>();

/**
 * A fixed SQL text with `:name` parameters (an aggregate, a count), turned into the driver's
 * placeholders once and run with bound values, so the statement is prepared once rather than built
 * by the query builder (which on SQLite writes numbers into the SQL text) on every call. Booleans
 * and dates are bound as `compiledFind` binds them. `sql` must be a constant: it is the cache key.
 */
export async function compiledQuery<R = Record<string, unknown>>(manager: EntityManager, sql: string, params: Readonly<Record<string, unknown>> = {}): Promise<R[]> {
  const driver = manager.connection.driver;
  const sqlite = driver.options.type !== 'postgres';
  const key = `${sqlite ? 's' : 'p'}:${sql}`;
  let compiled = compiledSql.get(key);
  if (!compiled) {
    const names: string[] = [];
    const text = sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
      names.push(name);
      return driver.createParameter(name, names.length - 1);
    });
    compiledSql.set(key, (compiled = { sql: text, names }));
  }
  const values = compiled.names.map((name) => {
    if (!(name in params)) throw new Error(`compiledQuery: no value for :${name}`);
    const value = params[name];
    if (sqlite && typeof value === 'boolean') return +value;
    if (sqlite && value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
    return value;
  });
  if (sqlite) return sqliteRows(driver as unknown as SqliteDriver, compiled, values) as R[];
  return (await manager.query(compiled.sql, values)) as R[];
}
