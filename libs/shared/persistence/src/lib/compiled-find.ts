import { DateUtils, type Driver, type EntityManager, EntityNotFoundError, type EntityMetadata, QueryFailedError, QueryRunnerAlreadyReleasedError, type ObjectLiteral, type Repository } from 'typeorm';
import { type ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import { readLeniently } from './pg-reads';
import { sqliteGateOf } from './sqlite-gate';
import { type SqliteStatement } from './sqlite-reader';

/** Equality on columns; `null` means IS NULL and an array means IN (an empty one matches nothing). */
export type CompiledWhere<E> = { readonly [K in keyof E]?: E[K] | null | ReadonlyArray<E[K]> };

export interface CompiledFindOptions<E> {
  /** Columns to load (all when absent); properties not loaded are left undefined, as with `select`. */
  readonly select?: ReadonlyArray<keyof E & string>;
  readonly order?: { readonly [K in keyof E]?: 'ASC' | 'DESC' };
  readonly limit?: number;
  /**
   * PostgreSQL: FOR SHARE or FOR UPDATE, holding the rows found until the transaction ends (run
   * it inside one). SQLite has no row locks (one writing transaction at a time) and ignores it.
   */
  readonly lock?: 'share' | 'update';
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement & { columns(): ReadonlyArray<{ readonly name: string }> };
}

/** A statement built once; on SQLite also prepared once on each connection it runs on. */
interface CompiledStatement {
  readonly sql: string;
  /** An INSERT or UPDATE: never tried on the read-only connection. */
  readonly write?: boolean;
  /** Built for one call only (a long IN list): not kept prepared on PostgreSQL. */
  readonly once?: boolean;
  onWriter?: PreparedStatement;
  onReader?: PreparedStatement;
  /** Its name as a PostgreSQL prepared statement, given on first use. */
  pgName?: string;
}

/**
 * A statement prepared on one connection. One that returns rows answers them as arrays in column
 * order (better-sqlite3's raw mode): building an object per row there creates a new string for
 * every column name of every row, which cost more than the step itself for a wide row.
 */
interface PreparedStatement {
  readonly db: SqliteConnection;
  readonly stmt: SqliteStatement;
  /** The column names of the rows, in order. */
  readonly names: readonly string[];
  /** Where each named column is in the rows (`compiledRows`). */
  readonly columns: ColumnIndex;
}

const NO_COLUMNS: ColumnIndex = new Map();

/** How one selected column reaches the entity. */
interface Hydration {
  readonly column: ColumnMetadata;
  /**
   * The property the value goes to as it is, when the driver would not convert it (no transformer,
   * a text or number type both drivers hand over unchanged); undefined means through the driver
   * and the column, as TypeORM hydrates it.
   */
  readonly property?: string;
}

interface CompiledSelect extends CompiledStatement {
  /** Where keys bound as parameters, in placeholder order (IS NULL ones take none, IN ones one per value). */
  readonly params: ReadonlyArray<{ readonly key: string; readonly column: ColumnMetadata; readonly index?: number }>;
  readonly columns: readonly Hydration[];
}

/** Column types whose values neither driver's prepareHydratedValue changes. */
const UNCONVERTED_TYPES: ReadonlySet<unknown> = new Set(['varchar', 'character varying', 'text', 'char', 'character', 'integer', 'int', 'smallint', 'real', 'float', 'double precision', 'decimal', 'numeric']);

function hydration(column: ColumnMetadata): Hydration {
  const plain = !column.transformer && !column.embeddedMetadata && !column.isArray && !column.referencedColumn && UNCONVERTED_TYPES.has(column.type);
  return plain ? { column, property: column.propertyName } : { column };
}

interface CompiledSql extends CompiledStatement {
  readonly names: readonly string[];
  /** PostgreSQL: where each result column is in `compiledRows` rows. */
  pgColumns?: ColumnIndex;
}

interface CompiledWrite extends CompiledStatement {
  readonly columns: readonly ColumnMetadata[];
  /** UPDATE only: the where columns, bound after the SET values. */
  readonly whereColumns: readonly ColumnMetadata[];
  /** INSERT only: the generated primary key PostgreSQL returns. */
  readonly generated?: ColumnMetadata;
}

/** The two databases Hostgate runs on: better-sqlite3 unless PostgreSQL is configured. */
const isSqlite = (driver: Driver): boolean => driver.options.type !== 'postgres';

interface SqliteResult {
  /** Arrays in column order (`names`). */
  readonly rows: unknown[];
  readonly names: readonly string[];
  readonly columns: ColumnIndex;
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/**
 * better-sqlite3 answers synchronously, so the statement is run directly: the query runner's
 * per-query events, logging and awaits cost more than the work itself. Outside a transaction a
 * statement that only reads runs at once on the gate's read-only connection (the committed state).
 * Everything else runs on the writing connection and takes its turn at the gate: at once inside the
 * manager's own transaction or when no transaction holds the connection, otherwise once that one
 * has ended. A statement that returns rows (a SELECT, a RETURNING) answers them; any other answers
 * its changes.
 */
function sqliteExec(manager: EntityManager, compiled: CompiledStatement, values: unknown[]): SqliteResult | Promise<SqliteResult> {
  // A transaction's manager used after it ended would run outside any transaction: refused, as TypeORM's query refuses it.
  if (manager.queryRunner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const gate = sqliteGateOf(manager.connection);
  const writer = (manager.connection.driver as unknown as { readonly databaseConnection: SqliteConnection }).databaseConnection;
  if (!gate) return sqliteRun(prepared(compiled, 'onWriter', writer), compiled, values);
  const inOwnTransaction = manager.queryRunner !== undefined && manager.queryRunner === gate.owner;
  // Inserts and updates are writes; anything else is asked of SQLite (a RETURNING write is not read-only).
  const readerDb = inOwnTransaction || compiled.write ? undefined : gate.reader?.connection();
  if (readerDb) {
    const read = prepared(compiled, 'onReader', readerDb);
    if (read.stmt.readonly) {
      gate.reader?.beforeRead();
      return sqliteRun(read, compiled, values);
    }
  }
  const run = (): SqliteResult => sqliteRun(prepared(compiled, 'onWriter', writer), compiled, values);
  return inOwnTransaction ? run() : gate.writeAlone(run);
}

/** The compiled statement prepared on `db` (once per connection). */
function prepared(compiled: CompiledStatement, slot: 'onWriter' | 'onReader', db: SqliteConnection): PreparedStatement {
  let p = compiled[slot];
  if (p?.db !== db) {
    const stmt = db.prepare(compiled.sql);
    if (stmt.reader) {
      const names = stmt.columns().map((c) => c.name);
      p = { db, stmt: stmt.raw(true), names, columns: new Map(names.map((n, i) => [n, i])) };
    } else p = { db, stmt, names: [], columns: NO_COLUMNS };
    compiled[slot] = p;
  }
  return p;
}

function sqliteRun({ stmt, names, columns }: PreparedStatement, compiled: CompiledStatement, values: unknown[]): SqliteResult {
  try {
    if (stmt.reader) return { rows: stmt.all(...values), names, columns, changes: 0, lastInsertRowid: 0 };
    const { changes, lastInsertRowid } = stmt.run(...values);
    return { rows: [], names, columns, changes, lastInsertRowid };
  } catch (e) {
    throw new QueryFailedError(compiled.sql, values, e as Error);
  }
}

/** What `pg` (a pool or one client) offers for running one statement. */
interface PgQueryable {
  query(config: { readonly name?: string; readonly text: string; readonly values: unknown[]; readonly rowMode?: 'array' }): Promise<{
    readonly rows: unknown[];
    readonly rowCount: number | null;
    readonly fields: ReadonlyArray<{ readonly name: string }>;
  }>;
}

interface PgResult {
  /** Objects by column name, or arrays in column order when asked for (`fields` name them). */
  readonly rows: unknown[];
  readonly count: number;
  readonly fields: ReadonlyArray<{ readonly name: string }>;
}

let pgStatements = 0;

/**
 * On PostgreSQL a compiled statement runs on the `pg` client directly, as a named statement: each
 * connection parses and plans it once and then only binds and executes it. Inside the manager's
 * transaction it runs on that transaction's client; otherwise on TypeORM's pool, which lends a
 * client for the statement alone. TypeORM's own `query` would check out a client through a new
 * query runner, log and broadcast events per statement and send the text to be parsed and planned
 * again each time, which cost more than the statement itself. Errors are TypeORM's
 * QueryFailedError, as from `query`.
 */
async function pgExec(manager: EntityManager, compiled: CompiledStatement, values: unknown[], arrays = false): Promise<PgResult> {
  const runner = manager.queryRunner;
  if (runner?.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const target = runner ? ((await runner.connect()) as PgQueryable) : (manager.connection.driver as unknown as { readonly master: PgQueryable }).master;
  // A statement built for one call is sent unnamed: a name would keep it prepared on the connection for good.
  const name = compiled.once ? undefined : (compiled.pgName ??= `hostgate_${++pgStatements}`);
  try {
    const result = await target.query({ ...(name === undefined ? {} : { name }), text: compiled.sql, values, ...(arrays ? { rowMode: 'array' as const } : {}) });
    return { rows: result.rows, count: result.rowCount ?? 0, fields: result.fields };
  } catch (e) {
    throw new QueryFailedError(compiled.sql, values, e as Error);
  }
}

/**
 * pgExec for a fixed statement (compiledQuery, compiledRows): a read finds nothing with a value no
 * row can hold, as TypeORM's own reads do here (pg-reads.ts). compiledFind checks its values by
 * column type before sending them, and needs none of this.
 */
function pgExecFixed(manager: EntityManager, compiled: CompiledStatement, values: unknown[], arrays = false): Promise<PgResult> {
  return readLeniently(compiled.sql, values, manager.queryRunner?.isTransactionActive === true, (bound = values) => pgExec(manager, compiled, bound, arrays));
}

const INT2: readonly [number, number] = [-32768, 32767];
const INT4: readonly [number, number] = [-2147483648, 2147483647];
const INTEGER_RANGES: ReadonlyMap<unknown, readonly [number, number]> = new Map<unknown, readonly [number, number]>([
  ['smallint', INT2],
  ['int2', INT2],
  ['int', INT4],
  ['integer', INT4],
  ['int4', INT4],
  [Number, INT4],
]);

/**
 * Whether PostgreSQL could hold the value in the column: an integer column refuses a number out of
 * its range or with a fraction, and text refuses NUL, each failing the whole statement (SQLSTATE
 * class 22). A filter on such a value can only match nothing, which is what SQLite (and the
 * products, on MySQL) answer for it, so it is bound as NULL instead.
 */
function storable(column: ColumnMetadata, value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000');
  if (typeof value !== 'number') return true;
  const range = INTEGER_RANGES.get(column.type);
  return range === undefined || (Number.isInteger(value) && value >= range[0] && value <= range[1]);
}

/** A find parameter as TypeORM binds it on SQLite (booleans as 0/1, dates as UTC text); PostgreSQL takes both as they are. */
function bindValue(sqlite: boolean, value: unknown): unknown {
  if (sqlite && typeof value === 'boolean') return +value;
  if (sqlite && value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
  return value;
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const found = metadata.findColumnWithPropertyPath(property);
  if (!found || found.isVirtual) throw new Error(`${metadata.name} has no column ${property}`);
  return found;
}

function tableOf(metadata: EntityMetadata, driver: Driver): string {
  return metadata.schema && !isSqlite(driver) ? `${driver.escape(metadata.schema)}.${driver.escape(metadata.tableName)}` : driver.escape(metadata.tableName);
}

/** Each statement shape built once per entity; `keep` false builds one for this call only. */
function cached<C>(cache: WeakMap<EntityMetadata, Map<string, C>>, metadata: EntityMetadata, shape: string, build: () => C, keep = true): C {
  let byShape = cache.get(metadata);
  if (!byShape) cache.set(metadata, (byShape = new Map()));
  let compiled = byShape.get(shape);
  if (!compiled) {
    compiled = build();
    if (keep) byShape.set(shape, compiled);
  }
  return compiled;
}

const MAX_CACHED_IN = 32;
const selects = new WeakMap<EntityMetadata, Map<string, CompiledSelect>>();
const writes = new WeakMap<EntityMetadata, Map<string, CompiledWrite>>();
/** By the caller's SQL text, per driver (each writes its own placeholders); the text itself is the key, so its hash is computed once. */
const queries = { sqlite: new Map<string, CompiledSql>(), postgres: new Map<string, CompiledSql>() };

/**
 * `findOneBy`/`find` for the hot paths: equality filters, a column list, an order and a limit,
 * with the SQL built once per shape and entity instead of by the query builder on every call
 * (which was a third of the CPU of an authenticated read). The SQL is the same for every value,
 * so it is prepared once. Values are bound and converted as TypeORM converts find parameters
 * (column transformers, booleans and dates); rows are hydrated by the driver column by column, as
 * TypeORM hydrates them. Runs inside the repository's transaction when it has one.
 */
export async function compiledFind<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: CompiledFindOptions<E> = {}): Promise<E[]> {
  return findRows(repo, where, options, options.limit);
}

/**
 * compiledFind with the limit apart from the options (compiledFindOne passes the caller's options
 * as they are). Runs on every hot read, so the shape key is built in one pass over the filter.
 */
async function findRows<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: CompiledFindOptions<E>, limit: number | undefined): Promise<E[]> {
  const { metadata } = repo;
  // The shape: which keys (in the caller's order), which are IS NULL, how long each IN list is.
  let shape = '';
  let keep = true;
  for (const k in where) {
    const v: unknown = where[k];
    // findOneBy ignores an undefined value, which would widen the match: refuse it instead.
    if (v === undefined) throw new Error(`compiledFind on ${metadata.name}: ${k} is undefined`);
    if (v === null) shape += `${k}~,`;
    else if (Array.isArray(v)) {
      shape += `${k}[${v.length},`;
      // Long IN lists (getAll) are one-offs: kept out of the cache so it stays small.
      if (v.length > MAX_CACHED_IN) keep = false;
    } else shape += `${k},`;
  }
  const { select, order } = options;
  if (select) shape += `|${select.join(',')}`;
  if (order) for (const k in order) shape += `|${k} ${order[k]}`;
  if (limit !== undefined) shape += `|#${limit}`;
  const driver = repo.manager.connection.driver;
  const sqlite = isSqlite(driver);
  const lock = sqlite ? undefined : options.lock;
  if (lock) shape += `|!${lock}`;
  const compiled = cached(selects, metadata, shape, () => ({ ...compileSelect(repo, where, { select, order, limit, lock }), once: !keep }), keep);
  const { params } = compiled;
  const values: unknown[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const { key, column, index } = params[i];
    const given: unknown = where[key];
    const value = index === undefined ? given : (given as unknown[])[index];
    const bound = bindValue(sqlite, column.transformer ? ApplyValueTransformers.transformTo(column.transformer, value) : value);
    // NULL equals nothing: what no row can hold matches nothing, rather than failing the statement.
    values[i] = sqlite || storable(column, bound) ? bound : null;
  }
  // SQLite answers each row as an array in column order, PostgreSQL as an object by column name.
  const rows = sqlite ? (await sqliteExec(repo.manager, compiled, values)).rows : (await pgExec(repo.manager, compiled, values)).rows;
  const { columns } = compiled;
  const create = entityFactory(metadata);
  const entities: E[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r];
    const entity = create();
    for (let i = 0; i < columns.length; i++) {
      const h = columns[i];
      hydrate(entity, h, sqlite ? (raw as unknown[])[i] : (raw as Record<string, unknown>)[h.column.databaseName], driver);
    }
    entities[r] = entity as E;
  }
  return entities;
}

const factories = new WeakMap<EntityMetadata, () => Record<string, unknown>>();

/**
 * A new entity as `metadata.create(undefined, { fromDeserializer: true })` makes it (as TypeORM's
 * find does): for a class without lazy relations and without the typename option, that is an
 * object with the class's prototype, made here without the checks create() repeats per row.
 */
function entityFactory(metadata: EntityMetadata): () => Record<string, unknown> {
  let factory = factories.get(metadata);
  if (!factory) {
    const { target } = metadata;
    const plain = typeof target === 'function' && !metadata.isAlwaysUsingConstructor && metadata.lazyRelations.length === 0 && !metadata.dataSource.options.typename;
    const prototype: object | null = plain ? (target.prototype as object) : null;
    factory = prototype ? () => Object.create(prototype) as Record<string, unknown> : () => metadata.create(undefined, DESERIALIZED) as Record<string, unknown>;
    factories.set(metadata, factory);
  }
  return factory;
}

const DESERIALIZED = { fromDeserializer: true } as const;

/** One column's value into the entity, as TypeORM hydrates it. */
function hydrate(entity: Record<string, unknown>, { column, property }: Hydration, value: unknown, driver: Driver): void {
  if (property !== undefined) entity[property] = value;
  else column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
}

const allColumns = new WeakMap<EntityMetadata, readonly Hydration[]>();

function hydrationsOf(metadata: EntityMetadata): readonly Hydration[] {
  let columns = allColumns.get(metadata);
  if (!columns) allColumns.set(metadata, (columns = metadata.columns.filter((c) => !c.isVirtual).map(hydration)));
  return columns;
}

/**
 * The select list of every column of the entity for a joined `compiledRows`: `alias.column AS
 * prefixcolumn`, read back by `hydrateColumns` with the same prefix.
 */
export function selectColumns(repo: Repository<ObjectLiteral>, alias: string, prefix: string): string {
  const driver = repo.manager.connection.driver;
  return hydrationsOf(repo.metadata)
    .map(({ column }) => `${driver.escape(alias)}.${driver.escape(column.databaseName)} AS ${driver.escape(prefix + column.databaseName)}`)
    .join(', ');
}

/** Where each column of a `compiledRows` statement is in its rows: one map per statement, the same on every call. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** Rows as arrays in column order, and where each named column is in them. */
export interface CompiledRows {
  readonly rows: ReadonlyArray<readonly unknown[]>;
  readonly columns: ColumnIndex;
}

/** The positions of an entity's columns under a prefix, in `hydrationsOf` order, and of its primary key columns. */
interface EntityPositions {
  readonly columns: readonly number[];
  readonly primary: readonly number[];
}

const positionsByIndex = new WeakMap<ColumnIndex, WeakMap<EntityMetadata, Map<string, EntityPositions>>>();

function positionsOf(columns: ColumnIndex, metadata: EntityMetadata, prefix: string): EntityPositions {
  let byMetadata = positionsByIndex.get(columns);
  if (!byMetadata) positionsByIndex.set(columns, (byMetadata = new WeakMap()));
  let byPrefix = byMetadata.get(metadata);
  if (!byPrefix) byMetadata.set(metadata, (byPrefix = new Map()));
  let found = byPrefix.get(prefix);
  if (!found) {
    const at = (c: ColumnMetadata): number => {
      const i = columns.get(prefix + c.databaseName);
      if (i === undefined) throw new Error(`hydrateColumns: the rows have no column ${prefix}${c.databaseName}`);
      return i;
    };
    found = { columns: hydrationsOf(metadata).map((h) => at(h.column)), primary: metadata.primaryColumns.map(at) };
    byPrefix.set(prefix, found);
  }
  return found;
}

/**
 * The entity a joined row holds under `prefix` (see `selectColumns`), converted as `compiledFind`
 * converts its rows; null when its primary key is null (an outer join that matched nothing). The
 * positions of its columns are looked up once per statement.
 */
export function hydrateColumns<E extends ObjectLiteral>(repo: Repository<E>, { columns }: CompiledRows, row: readonly unknown[], prefix: string): E | null {
  const { metadata } = repo;
  const positions = positionsOf(columns, metadata, prefix);
  for (const i of positions.primary) if (row[i] === null || row[i] === undefined) return null;
  const driver = repo.manager.connection.driver;
  const entity = entityFactory(metadata)();
  const hydrations = hydrationsOf(metadata);
  for (let i = 0; i < hydrations.length; i++) hydrate(entity, hydrations[i], row[positions.columns[i]], driver);
  return entity as E;
}

/** The first row `compiledFind` finds, or null. */
export async function compiledFindOne<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: Omit<CompiledFindOptions<E>, 'limit'> = {}): Promise<E | null> {
  const [row] = await findRows(repo, where, options, 1);
  return row ?? null;
}

/** `compiledFindOne`, throwing TypeORM's EntityNotFoundError when nothing matches (as findOneByOrFail). */
export async function compiledFindOneOrFail<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: Omit<CompiledFindOptions<E>, 'limit'> = {}): Promise<E> {
  const row = await compiledFindOne(repo, where, options);
  if (row === null) throw new EntityNotFoundError(repo.target, where);
  return row;
}

/** The statement for a filter's shape: its keys in order, IS NULL for null, IN for an array. */
function compileSelect<E extends ObjectLiteral>(repo: Repository<E>, where: CompiledWhere<E>, options: CompiledFindOptions<E>): CompiledSelect {
  const keys = Object.keys(where);
  // -1 IS NULL, -2 equality, n >= 0 an IN list of n values.
  const kinds = keys.map((k) => {
    const v: unknown = where[k];
    return v === null ? -1 : Array.isArray(v) ? v.length : -2;
  });
  const { metadata } = repo;
  const driver = repo.manager.connection.driver;
  const columns = options.select ? options.select.map((p) => columnOf(metadata, p)) : metadata.columns.filter((c) => !c.isVirtual);
  const params: Array<{ key: string; column: ColumnMetadata; index?: number }> = [];
  const placeholder = (key: string, c: ColumnMetadata, index?: number): string => {
    params.push(index === undefined ? { key, column: c } : { key, column: c, index });
    return driver.createParameter(`p${params.length - 1}`, params.length - 1);
  };
  const conditions = keys.map((key, i) => {
    const c = columnOf(metadata, key);
    const name = driver.escape(c.databaseName);
    const kind = kinds[i];
    if (kind === -1) return `${name} IS NULL`;
    if (kind === -2) return `${name} = ${placeholder(key, c)}`;
    if (kind === 0) return '1 = 0';
    return `${name} IN (${Array.from({ length: kind }, (_, n) => placeholder(key, c, n)).join(', ')})`;
  });
  const order = Object.entries(options.order ?? {}).map(([key, dir]) => `${driver.escape(columnOf(metadata, key).databaseName)} ${dir === 'DESC' ? 'DESC' : 'ASC'}`);
  const sql = [
    `SELECT ${columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${tableOf(metadata, driver)}`,
    conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    order.length > 0 ? `ORDER BY ${order.join(', ')}` : '',
    options.limit !== undefined ? `LIMIT ${Math.max(0, Math.trunc(options.limit))}` : '',
    options.lock ? (options.lock === 'share' ? 'FOR SHARE' : 'FOR UPDATE') : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { sql, params, columns: columns.map(hydration) };
}

/** The statement for a constant SQL text with `:name` parameters, built once per driver, and its bound values. */
function fixedStatement(manager: EntityManager, sql: string, params: Readonly<Record<string, unknown>>): { readonly compiled: CompiledSql; readonly values: unknown[]; readonly sqlite: boolean } {
  const driver = manager.connection.driver;
  const sqlite = isSqlite(driver);
  const cache = sqlite ? queries.sqlite : queries.postgres;
  let compiled = cache.get(sql);
  if (!compiled) {
    const names: string[] = [];
    const text = sql.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
      names.push(name);
      return driver.createParameter(name, names.length - 1);
    });
    cache.set(sql, (compiled = { sql: text, names }));
  }
  const values = compiled.names.map((name) => {
    if (!(name in params)) throw new Error(`compiledQuery: no value for :${name}`);
    return bindValue(sqlite, params[name]);
  });
  return { compiled, values, sqlite };
}

/**
 * A fixed SQL text with `:name` parameters (an aggregate, a count), turned into the driver's
 * placeholders once and run with bound values, so the statement is prepared once rather than built
 * by the query builder (which on SQLite writes numbers into the SQL text) on every call. Booleans
 * and dates are bound as `compiledFind` binds them. `sql` must be a constant: it is the cache key.
 * Answers the rows (none for a statement that returns none).
 */
export async function compiledQuery<R = Record<string, unknown>>(manager: EntityManager, sql: string, params: Readonly<Record<string, unknown>> = {}): Promise<R[]> {
  const { compiled, values, sqlite } = fixedStatement(manager, sql, params);
  if (sqlite) {
    const { rows, names } = await sqliteExec(manager, compiled, values);
    return rows.map((row) => {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) object[names[i]] = (row as unknown[])[i];
      return object as R;
    });
  }
  return (await pgExecFixed(manager, compiled, values)).rows as R[];
}

/**
 * `compiledQuery` answering rows as arrays in column order, with the position of each column: for
 * wide joined reads (`selectColumns` / `hydrateColumns`), where building an object per row with a
 * property per column, and then reading every column back by a name built from its prefix, cost
 * more than the statement.
 */
export async function compiledRows(manager: EntityManager, sql: string, params: Readonly<Record<string, unknown>> = {}): Promise<CompiledRows> {
  const { compiled, values, sqlite } = fixedStatement(manager, sql, params);
  if (sqlite) {
    // Each prepared statement carries the index of its columns, built when it was prepared.
    const { rows, columns } = await sqliteExec(manager, compiled, values);
    return { rows: rows as unknown[][], columns };
  }
  const { rows, fields } = await pgExecFixed(manager, compiled, values, true);
  // A statement's result columns do not change: the index of its first result serves every call.
  compiled.pgColumns ??= new Map(fields.map((f, i) => [f.name, i]));
  return { rows: rows as unknown[][], columns: compiled.pgColumns };
}

/**
 * One row inserted with a prepared statement: the given properties (undefined ones take the
 * column default), each converted as TypeORM converts it on save (transformers, booleans, dates).
 * Answers the generated primary key, if the entity has one. Unlike save(), nothing is read back:
 * the caller knows the values it wrote.
 */
export async function compiledInsert<E extends ObjectLiteral>(repo: Repository<E>, values: Partial<E>): Promise<number | undefined> {
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const { metadata } = repo;
  const driver = repo.manager.connection.driver;
  const sqlite = isSqlite(driver);
  const compiled = cached(writes, metadata, `insert|${keys.join(',')}`, () => {
    const columns = keys.map((k) => columnOf(metadata, k));
    const generated = metadata.primaryColumns.find((c) => c.isGenerated);
    const returning = !sqlite && generated ? ` RETURNING ${driver.escape(generated.databaseName)}` : '';
    const placeholders = columns.map((_c, i) => driver.createParameter(`p${i}`, i));
    const sql = `INSERT INTO ${tableOf(metadata, driver)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES (${placeholders.join(', ')})${returning}`;
    return { sql, columns, whereColumns: [], generated, write: true };
  });
  const bound = compiled.columns.map((c, i) => driver.preparePersistentValue(values[keys[i]], c) as unknown);
  if (sqlite) {
    const { lastInsertRowid } = await sqliteExec(repo.manager, compiled, bound);
    return compiled.generated ? Number(lastInsertRowid) : undefined;
  }
  const [row] = (await pgExec(repo.manager, compiled, bound)).rows as Array<Record<string, unknown> | undefined>;
  return compiled.generated ? Number(row?.[compiled.generated.databaseName]) : undefined;
}

/**
 * UPDATE ... SET the given properties WHERE columns equal the given values, as a prepared
 * statement; values converted as save() converts them. Answers the number of rows changed.
 */
export async function compiledUpdate<E extends ObjectLiteral>(repo: Repository<E>, where: { readonly [K in keyof E]?: E[K] }, set: Partial<E>): Promise<number> {
  const { metadata } = repo;
  const whereKeys = Object.keys(where);
  const setKeys = Object.keys(set).filter((k) => set[k] !== undefined);
  if (whereKeys.length === 0 || setKeys.length === 0) throw new Error(`compiledUpdate on ${metadata.name} needs a where and a value to set`);
  for (const k of whereKeys) if (where[k] === undefined || where[k] === null) throw new Error(`compiledUpdate on ${metadata.name}: ${k} is ${String(where[k])}`);
  const driver = repo.manager.connection.driver;
  const compiled = cached(writes, metadata, `update|${setKeys.join(',')}|${whereKeys.join(',')}`, () => {
    const columns = setKeys.map((k) => columnOf(metadata, k));
    const whereColumns = whereKeys.map((k) => columnOf(metadata, k));
    let n = 0;
    const next = (): string => driver.createParameter(`p${n}`, n++);
    const assignments = columns.map((c) => `${driver.escape(c.databaseName)} = ${next()}`);
    const conditions = whereColumns.map((c) => `${driver.escape(c.databaseName)} = ${next()}`);
    return { sql: `UPDATE ${tableOf(metadata, driver)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`, columns, whereColumns, write: true };
  });
  const bound = [
    ...compiled.columns.map((c, i) => driver.preparePersistentValue(set[setKeys[i]], c) as unknown),
    ...compiled.whereColumns.map((c, i) => driver.preparePersistentValue(where[whereKeys[i]], c) as unknown),
  ];
  if (isSqlite(driver)) return (await sqliteExec(repo.manager, compiled, bound)).changes;
  return (await pgExec(repo.manager, compiled, bound)).count;
}
