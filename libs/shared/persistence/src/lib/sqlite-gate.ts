import { type DataSource, type QueryRunner, TypeORMError } from 'typeorm';
import { type BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';

/** How long a statement or a transaction waits for its turn before it fails instead of hanging. */
export const SQLITE_GATE_TIMEOUT_MS = 10_000;

/** A statement or transaction that waited longer than the gate allows. */
export class SqliteGateTimeoutError extends TypeORMError {
  constructor(what: string, ms: number) {
    super(`SQLite is busy: ${what} waited ${ms} ms for the transaction ahead of it`);
  }
}

/** The part of a better-sqlite3 connection the gate uses. */
export interface SqliteConnectionHandle {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): { run(): unknown };
  exec(sql: string): unknown;
}

interface Waiter {
  /** The runner that wants to open a transaction; undefined for a single statement. */
  readonly owner: QueryRunner | undefined;
  readonly resolve: () => void;
}

/**
 * Turns on the one SQLite connection of a process. better-sqlite3 runs every statement on that
 * connection, so a transaction is open for everything that runs while its callback awaits: without
 * turns, another request's statements would land inside it (and be rolled back with it), its reads
 * would see uncommitted rows, and a second transaction would become a savepoint of the first.
 *
 * A readers-writer lock in arrival order: any number of single statements at once, or one
 * transaction (its owner's statements pass, everyone else's wait until it commits or rolls back).
 * A transaction waits for the statements already running; statements that arrive after a
 * transaction started waiting queue behind it, so neither side starves.
 */
export class SqliteGate {
  private current: QueryRunner | undefined;
  /** Single statements granted a turn and not yet finished. */
  private running = 0;
  private readonly queue: Waiter[] = [];
  /** BEGIN and COMMIT of the shared read transaction, prepared once the first read asks for one. */
  private read: { readonly db: SqliteConnectionHandle; readonly begin: { run(): unknown }; readonly commit: { run(): unknown } } | undefined;
  private readOpen = false;

  constructor(
    private readonly timeoutMs = SQLITE_GATE_TIMEOUT_MS,
    private readonly connection?: () => SqliteConnectionHandle,
  ) {}

  /** The runner whose transaction holds the connection, if any. */
  get owner(): QueryRunner | undefined {
    return this.current;
  }

  /** Whether a statement of `runner` (none: outside any transaction) may run at once. */
  mayRunNow(runner?: QueryRunner): boolean {
    return (runner !== undefined && runner === this.current) || (this.current === undefined && this.queue.length === 0);
  }

  /**
   * Before a statement run straight on the connection (not through a query runner) once it may
   * run. Outside any transaction the reads of one event-loop turn share one read transaction,
   * opened here and committed once the turn is over; anything that may write ends it first. In
   * WAL mode every statement outside a transaction takes and drops the read locks with system
   * calls of its own: over half the cost of a primary-key lookup. The reads see one snapshot, at
   * most one turn old; nothing writes inside it.
   */
  beforeDirect(readonly: boolean): void {
    if (this.current !== undefined) return;
    if (readonly) this.beginRead();
    else this.endRead();
  }

  private beginRead(): void {
    // Not while a TypeORM statement (which may write) is between its start and its end.
    if (this.readOpen || this.running > 0 || !this.connection) return;
    const db = this.connection();
    if (db.inTransaction) return;
    if (this.read?.db !== db) this.read = { db, begin: db.prepare('BEGIN'), commit: db.prepare('COMMIT') };
    this.read.begin.run();
    this.readOpen = true;
    setImmediate(this.endRead);
  }

  /** Commits the shared read transaction, if one is open: before a write, a transaction, or at the end of the turn. */
  readonly endRead = (): void => {
    if (!this.readOpen) return;
    this.readOpen = false;
    // A connection closed meanwhile (the data source destroyed) ended it already.
    if (this.read?.db.open && this.read.db.inTransaction) this.read.commit.run();
  };

  /** Waits for a single statement's turn; `endStatement` must follow once it has run. */
  async statement(): Promise<void> {
    if (this.mayRunNow()) {
      this.running++;
      return;
    }
    await this.wait(undefined, 'a statement');
  }

  endStatement(): void {
    this.running--;
    this.pump();
  }

  /** Waits until `runner` alone holds the connection; `endTransaction` must follow. */
  async transaction(runner: QueryRunner): Promise<void> {
    if (this.current === undefined && this.running === 0 && this.queue.length === 0) {
      this.grant(runner);
      return;
    }
    await this.wait(runner, 'a transaction');
  }

  /** A transaction's turn: the shared read transaction ends first, as the connection can hold only one. */
  private grant(runner: QueryRunner): void {
    this.endRead();
    this.current = runner;
  }

  endTransaction(runner: QueryRunner): void {
    if (this.current !== runner) return;
    this.current = undefined;
    this.pump();
  }

  private wait(owner: QueryRunner | undefined, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new SqliteGateTimeoutError(what, this.timeoutMs));
        this.pump();
      }, this.timeoutMs);
      const waiter: Waiter = {
        owner,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.queue.push(waiter);
    });
  }

  /** Grants turns in arrival order: statements together, a transaction once nothing else runs. */
  private pump(): void {
    while (this.current === undefined && this.queue.length > 0) {
      const next = this.queue[0];
      if (next.owner !== undefined) {
        if (this.running > 0) return;
        this.queue.shift();
        this.grant(next.owner);
        next.resolve();
        return;
      }
      this.queue.shift();
      this.running++;
      next.resolve();
    }
  }
}

type Statement = Parameters<BetterSqlite3QueryRunner['query']>;

/** A query runner of its own for each caller, sharing the connection, its prepared statements and the gate. */
class GatedSqliteQueryRunner extends BetterSqlite3QueryRunner {
  constructor(
    driver: BetterSqlite3Driver,
    private readonly gate: SqliteGate,
    statements: Map<string, unknown>,
  ) {
    super(driver);
    // Statements are prepared once per connection, not once per runner.
    (this as unknown as { stmtCache: Map<string, unknown> }).stmtCache = statements;
  }

  override async query(...args: Statement): Promise<Awaited<ReturnType<BetterSqlite3QueryRunner['query']>>> {
    if (this.gate.owner === this) return super.query(...args);
    await this.gate.statement();
    // TypeORM's own statements may write: never inside the shared read transaction.
    this.gate.endRead();
    try {
      return await super.query(...args);
    } finally {
      this.gate.endStatement();
    }
  }

  override async startTransaction(...args: Parameters<BetterSqlite3QueryRunner['startTransaction']>): Promise<void> {
    // A nested transaction of the same runner is a savepoint inside the turn it already holds.
    if (this.transactionDepth === 0) await this.gate.transaction(this);
    try {
      await super.startTransaction(...args);
    } finally {
      this.settle();
    }
  }

  override async commitTransaction(): Promise<void> {
    try {
      await super.commitTransaction();
    } finally {
      this.settle();
    }
  }

  override async rollbackTransaction(): Promise<void> {
    try {
      await super.rollbackTransaction();
    } finally {
      this.settle();
    }
  }

  /** A runner let go with its transaction still open (a failed rollback) rolls it back and gives up its turn. */
  override async release(): Promise<void> {
    if (this.gate.owner === this) {
      const db = this.driver.databaseConnection as SqliteConnectionHandle;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        this.isTransactionActive = false;
        this.transactionDepth = 0;
        this.gate.endTransaction(this);
      }
    }
    return super.release();
  }

  /** The turn ends when the outermost transaction has committed or rolled back (or never started). */
  private settle(): void {
    if (!this.isTransactionActive) this.gate.endTransaction(this);
  }
}

const gates = new WeakMap<object, SqliteGate>();

/** The gate of a data source's SQLite connection; undefined on PostgreSQL, whose pool isolates transactions itself. */
export function sqliteGateOf(dataSource: Pick<DataSource, 'driver'>): SqliteGate | undefined {
  return gates.get(dataSource.driver);
}

/**
 * Gives every caller of an SQLite data source its own query runner on the one connection, taking
 * turns through a `SqliteGate`. Call before the data source runs anything (migrations included).
 */
export function installSqliteGate(dataSource: DataSource): SqliteGate {
  if (dataSource.options.type !== 'better-sqlite3') throw new TypeORMError(`installSqliteGate needs a better-sqlite3 data source, not ${dataSource.options.type}`);
  const driver = dataSource.driver as BetterSqlite3Driver;
  const gate = new SqliteGate(SQLITE_GATE_TIMEOUT_MS, () => driver.databaseConnection as SqliteConnectionHandle);
  const statements = new Map<string, unknown>();
  driver.createQueryRunner = () => new GatedSqliteQueryRunner(driver, gate, statements);
  gates.set(driver, gate);
  return gate;
}
