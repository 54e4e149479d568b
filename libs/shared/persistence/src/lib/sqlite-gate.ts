import { type DataSource, QueryFailedError, type QueryRunner, QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import { type BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import { SqliteReader, type SqliteStatement } from './sqlite-reader';

/** How long a statement or a transaction waits for its turn before it fails instead of hanging. */
export const SQLITE_GATE_TIMEOUT_MS = 10_000;

/** A statement or transaction that waited longer than the gate allows. */
export class SqliteGateTimeoutError extends TypeORMError {
  constructor(what: string, ms: number) {
    super(`SQLite is busy: ${what} waited ${ms} ms for the transaction ahead of it`);
  }
}

/** Another process (the CLI, a second app on the same file) held SQLite's write lock longer than allowed. */
export class SqliteBusyError extends TypeORMError {
  constructor(ms: number) {
    super(`SQLite is busy: another connection held the write lock for more than ${ms} ms`);
  }
}

/** Whether `e` is SQLite's SQLITE_BUSY (from better-sqlite3, or wrapped by TypeORM). */
export function isSqliteBusy(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.code ?? err?.driverError?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The part of a better-sqlite3 connection the gate uses. */
export interface SqliteConnectionHandle {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): { run(): unknown };
  exec(sql: string): unknown;
}

/** At most this many transactions share one commit (bounds how long the first of them waits for it). */
export const SQLITE_GROUP_MAX = 16;

interface Waiter {
  /** The runner that wants to open a transaction; undefined for a single statement. */
  readonly owner: QueryRunner | undefined;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** One SQL transaction on the connection, shared by transactions that ran one after the other. */
interface Group {
  /** Transactions that have had a turn in it. */
  members: number;
  /** Whether its commit at the end of the event-loop turn is scheduled. */
  scheduled: boolean;
  /** Settles with the group's COMMIT: what a member that committed waits for before it answers. */
  readonly done: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** How a member's turn ended: its work released into the group, taken back, or in an unknown state. */
export type TurnOutcome = 'commit' | 'rollback' | 'abort';

/**
 * Turns on the writing SQLite connection of a process. better-sqlite3 runs every statement on that
 * connection, so a transaction is open for everything that runs while its callback awaits: without
 * turns, another request's statements would land inside it (and be rolled back with it), and a
 * second transaction would become a savepoint of the first. Reads outside transactions do not come
 * here: they run on a read-only connection of their own (`SqliteReader`).
 *
 * A readers-writer lock in arrival order: any number of single statements at once, or one
 * transaction (its owner's statements pass, everyone else's wait until its turn ends). A
 * transaction waits for the statements already running; statements that arrive after a transaction
 * started waiting queue behind it, so neither side starves.
 *
 * Group commit: transactions that are waiting when the one before them ends, or that start later
 * in the same event-loop turn, run in the same SQL transaction, each in a savepoint of its own
 * (`hostgate_turn`): a failing one takes back only its own rows. (Requests mostly run a whole
 * transaction within one turn, as every statement answers synchronously, so "the same turn" is what
 * lets the requests read from the sockets together share a commit.) The SQL transaction commits
 * when a statement is next in line, when `SQLITE_GROUP_MAX` transactions have had their turn, or at
 * the end of the turn, and every member that committed is answered only then, so nobody acts on a
 * write that is not durable yet; with `synchronous=FULL` the group pays for one fsync instead of one
 * each. Nothing outside the group sees its rows before that COMMIT: reads go to the reader (the
 * committed state), statements wait their turn. So a transaction's callback must never wait for
 * another request's transaction to be answered: that one may be waiting for this group.
 */
export class SqliteGate {
  private current: QueryRunner | undefined;
  /** Single statements granted a turn and not yet finished. */
  private running = 0;
  private readonly queue: Waiter[] = [];
  private group: Group | undefined;
  private sql: { readonly db: SqliteConnectionHandle; readonly begin: { run(): unknown }; readonly commit: { run(): unknown } } | undefined;

  constructor(
    private readonly connection: () => SqliteConnectionHandle,
    private readonly timeoutMs = SQLITE_GATE_TIMEOUT_MS,
    /** Reads outside transactions; without one they run on the writing connection as statements. */
    readonly reader?: SqliteReader,
    /** How long a write waits, without blocking the event loop, for another process's write lock. */
    private readonly busyTimeoutMs = 5_000,
  ) {}

  /**
   * Runs `write` on the writing connection, whose own busy timeout is zero: while another process
   * holds SQLite's write lock it is tried again after a pause (the event loop runs meanwhile,
   * where better-sqlite3's busy timeout would block the whole process), and fails with
   * SqliteBusyError once the lock has been held longer than the busy timeout.
   */
  private whenWritable<T>(write: () => T): T | Promise<T> {
    try {
      const result = write();
      return result instanceof Promise ? result.catch((e: unknown) => this.retryBusy(write, e)) : result;
    } catch (e) {
      return this.retryBusy(write, e);
    }
  }

  private async retryBusy<T>(write: () => T, first: unknown): Promise<T> {
    if (!isSqliteBusy(first)) throw first;
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      if (Date.now() + pause > deadline) throw new SqliteBusyError(this.busyTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        return await write();
      } catch (e) {
        if (!isSqliteBusy(e)) throw e;
      }
    }
  }

  /** The runner whose transaction holds the connection, if any. */
  get owner(): QueryRunner | undefined {
    return this.current;
  }

  /** Whether a statement of `runner` (none: outside any transaction) may run at once. */
  mayRunNow(runner?: QueryRunner): boolean {
    return (runner !== undefined && runner === this.current) || (this.current === undefined && this.queue.length === 0 && this.group === undefined);
  }

  /**
   * Around a commit of the writing connection (a transaction's, or a write outside any): ends the
   * reader's snapshot, so the next read sees the write and the commit's checkpoint is not held back
   * by it (a WAL that always has a reader behind it can never restart, and grows).
   */
  endReaderSnapshot(): void {
    this.reader?.endRead();
  }

  /**
   * A write outside any transaction (autocommitted): it takes a statement's turn (at once when
   * free, so it stays synchronous), ends the reader's snapshot around it, waits for another
   * process's write lock if needed (whenWritable) and gives the turn back once it has run.
   */
  writeAlone<T>(write: () => T): T | Promise<T> {
    const run = (): T | Promise<T> => {
      let result: T | Promise<T>;
      try {
        this.endReaderSnapshot();
        result = this.whenWritable(write);
      } catch (e) {
        this.endStatement();
        throw e;
      }
      if (result instanceof Promise) return result.finally(() => this.endStatement());
      this.endStatement();
      return result;
    };
    return this.tryStatement() ? run() : this.statement().then(run);
  }

  /** Takes a single statement's turn if it is free now; `endStatement` must follow once it has run. */
  tryStatement(): boolean {
    if (!this.mayRunNow()) return false;
    this.running++;
    return true;
  }

  /** Waits for a single statement's turn; `endStatement` must follow once it has run. */
  async statement(): Promise<void> {
    if (this.tryStatement()) return;
    await this.wait(undefined, 'a statement');
  }

  endStatement(): void {
    this.running--;
    this.endReaderSnapshot();
    this.pump();
  }

  /**
   * Waits until `runner` alone holds the connection, inside an open SQL transaction (begun here, or
   * the group's); `endTurn` must follow. The runner then opens its own savepoint.
   */
  async transaction(runner: QueryRunner): Promise<void> {
    if (this.current === undefined && this.running === 0 && this.queue.length === 0) {
      await this.grant(runner);
      return;
    }
    await this.wait(runner, 'a transaction');
  }

  /**
   * A member's turn is over. The next transaction in line joins the group; a statement in line
   * makes it commit first; with nobody in line it commits at the end of this event-loop turn, so
   * the transactions of other requests that arrive in the same turn join it. When the group's SQL
   * transaction is gone, or the member's state is unknown, it rolls back and fails instead. A member
   * that committed gets the group's outcome; one that rolled back is answered at once.
   */
  endTurn(runner: QueryRunner, outcome: TurnOutcome): Promise<void> {
    const group = this.group;
    if (this.current !== runner || !group) return Promise.resolve();
    this.current = undefined;
    const { db } = this.statements();
    if (outcome === 'abort' || !db.inTransaction) {
      this.finish(group, new TypeORMError('SQLite rolled back the transaction this one was committed in'));
    } else {
      const next = this.queue[0];
      if (next === undefined) this.finishLater(group);
      else if (next.owner === undefined) this.finish(group);
      // A transaction in line joins it (pump), unless the group is full (grant commits it first).
    }
    this.pump();
    return outcome === 'commit' ? group.done : Promise.resolve();
  }

  /** Commits an open group no member holds (before the connection closes). */
  flush(): void {
    if (this.group && this.current === undefined) {
      this.finish(this.group);
      this.pump();
    }
  }

  private finishLater(group: Group): void {
    if (group.scheduled) return;
    group.scheduled = true;
    setImmediate(() => {
      group.scheduled = false;
      if (this.group === group && this.current === undefined) {
        this.finish(group);
        this.pump();
      }
    });
  }

  /** Commits the group (or rolls it back with `failure`) and answers its members. */
  private finish(group: Group, failure?: unknown): void {
    this.group = undefined;
    const { db, commit } = this.statements();
    this.endReaderSnapshot();
    try {
      if (failure !== undefined) throw failure;
      commit.run();
      group.resolve();
    } catch (e) {
      try {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
      } finally {
        group.reject(e);
      }
    }
  }

  private statements(): NonNullable<SqliteGate['sql']> {
    const db = this.connection();
    // IMMEDIATE: the write lock is taken here, where waiting for it can be done without blocking.
    if (this.sql?.db !== db) this.sql = { db, begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT') };
    return this.sql;
  }

  /**
   * A transaction's turn: it joins the open group, or the SQL transaction is begun here (once the
   * write lock is free: then the turn is granted later, and nothing else is granted meanwhile).
   */
  private grant(runner: QueryRunner): void | Promise<void> {
    if (this.group && this.group.members >= SQLITE_GROUP_MAX) this.finish(this.group);
    this.current = runner;
    if (this.group) {
      this.group.members++;
      return;
    }
    // whenWritable answers a failure as a rejected promise, never by throwing.
    const begun = this.whenWritable(() => {
      this.statements().begin.run();
    });
    if (!(begun instanceof Promise)) return this.openGroup();
    return begun.then(
      () => this.openGroup(),
      (e: unknown) => {
        this.current = undefined;
        this.pump();
        throw e;
      },
    );
  }

  /** The SQL transaction has begun: its group, with the runner that began it as first member. */
  private openGroup(): void {
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Only members that committed wait for it; with none, a failed commit is nobody's to handle.
    done.catch(() => undefined);
    this.group = { members: 1, scheduled: false, done, resolve, reject };
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
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
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
        let granted: void | Promise<void>;
        try {
          granted = this.grant(next.owner);
        } catch (e) {
          next.reject(e);
          continue;
        }
        if (granted instanceof Promise) granted.then(next.resolve, next.reject);
        else next.resolve();
        return;
      }
      // A statement outside any transaction runs after the group has committed, not inside it.
      if (this.group) this.finish(this.group);
      this.queue.shift();
      this.running++;
      next.resolve();
    }
  }
}

type Statement = Parameters<BetterSqlite3QueryRunner['query']>;
type QueryAnswer = Awaited<ReturnType<BetterSqlite3QueryRunner['query']>>;

/** The savepoint each transaction of a group runs in. */
const TURN = 'hostgate_turn';

/** Statements that may go to the reader, if SQLite also calls them read-only. */
const SELECT = /^\s*(SELECT|WITH)\b/i;

/**
 * A query runner of its own for each caller, sharing the writing connection, its prepared
 * statements and the gate; reads outside a transaction go to the gate's reader. Its outermost
 * transaction is a savepoint in the group's SQL transaction (see SqliteGate); nested ones are
 * TypeORM's own savepoints inside it.
 */
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

  override async query(...args: Statement): Promise<QueryAnswer> {
    if (this.gate.owner === this) return super.query(...args);
    const [sql, parameters = [], structured] = args;
    // Named parameters are refused by TypeORM's own path, with its error.
    const read = Array.isArray(parameters) ? this.readStatement(sql) : undefined;
    if (read) return this.readOnReader(read, sql, parameters as unknown[], structured);
    return this.gate.writeAlone(() => super.query(...args));
  }

  private readStatement(sql: string): SqliteStatement | undefined {
    const { reader } = this.gate;
    if (!reader || !SELECT.test(sql)) return undefined;
    const stmt = reader.statement(sql);
    return stmt?.readonly ? stmt : undefined;
  }

  /** TypeORM's query() on the reader: the same answers, errors and log lines. */
  private async readOnReader(stmt: SqliteStatement, query: string, parameters: readonly unknown[], structured = false): Promise<QueryAnswer> {
    if (this.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const values = parameters.map((p) => (typeof p === 'boolean' ? +p : p));
    const { logger } = this.driver.dataSource;
    logger.logQuery(query, values, this);
    try {
      this.gate.reader?.beforeRead();
      const rows = stmt.all(...values);
      if (!structured) return rows as QueryAnswer;
      const result = new QueryResult();
      result.raw = rows;
      result.records = rows;
      return result as QueryAnswer;
    } catch (e) {
      logger.logQueryError(e as Error, query, values, this);
      throw new QueryFailedError(query, values, e as Error);
    }
  }

  override async startTransaction(...args: Parameters<BetterSqlite3QueryRunner['startTransaction']>): Promise<void> {
    // A nested transaction of the same runner is TypeORM's savepoint inside the turn it holds.
    if (this.transactionDepth > 0) return super.startTransaction(...args);
    await this.gate.transaction(this);
    try {
      this.isTransactionActive = true;
      await this.broadcaster.broadcast('BeforeTransactionStart');
      await this.query(`SAVEPOINT ${TURN}`);
      this.transactionDepth = 1;
      await this.broadcaster.broadcast('AfterTransactionStart');
    } catch (e) {
      if (this.transactionDepth === 0) {
        this.isTransactionActive = false;
        await this.gate.endTurn(this, 'rollback');
      }
      throw e;
    }
  }

  /** The outermost commit releases the savepoint and answers once the group's COMMIT has. */
  override async commitTransaction(): Promise<void> {
    if (this.transactionDepth !== 1) return super.commitTransaction();
    await this.broadcaster.broadcast('BeforeTransactionCommit');
    await this.query(`RELEASE ${TURN}`);
    this.isTransactionActive = false;
    this.transactionDepth = 0;
    await this.gate.endTurn(this, 'commit');
    await this.broadcaster.broadcast('AfterTransactionCommit');
  }

  /** The outermost rollback takes back this transaction's rows only; the group goes on. */
  override async rollbackTransaction(): Promise<void> {
    if (this.transactionDepth !== 1) return super.rollbackTransaction();
    await this.broadcaster.broadcast('BeforeTransactionRollback');
    let outcome: TurnOutcome = 'abort';
    try {
      await this.query(`ROLLBACK TO ${TURN}`);
      await this.query(`RELEASE ${TURN}`);
      outcome = 'rollback';
    } finally {
      this.isTransactionActive = false;
      this.transactionDepth = 0;
      await this.gate.endTurn(this, outcome);
    }
    await this.broadcaster.broadcast('AfterTransactionRollback');
  }

  /** A runner let go while it still holds the turn (a failed rollback) gives it up; its group cannot commit. */
  override async release(): Promise<void> {
    if (this.gate.owner === this) {
      this.isTransactionActive = false;
      this.transactionDepth = 0;
      await this.gate.endTurn(this, 'abort');
    }
    await super.release();
    // As PostgreSQL's runner: a transaction's manager used after it ended is refused, not run outside it.
    this.isReleased = true;
  }
}

const gates = new WeakMap<object, SqliteGate>();

/** The gate of a data source's SQLite connection; undefined on PostgreSQL, whose pool isolates transactions itself. */
export function sqliteGateOf(dataSource: Pick<DataSource, 'driver'>): SqliteGate | undefined {
  return gates.get(dataSource.driver);
}

/**
 * Gives every caller of an SQLite data source its own query runner on the one writing connection,
 * taking turns through a `SqliteGate`, and a read-only connection for reads outside transactions
 * (a file database only), closed with the data source. The writing connection's own busy timeout
 * is set to zero: the gate waits up to `busyTimeoutMs` for another process's write lock without
 * blocking the event loop. Call after `initialize` and before anything else (migrations included).
 */
export function installSqliteGate(dataSource: DataSource, busyTimeoutMs: number): SqliteGate {
  if (dataSource.options.type !== 'better-sqlite3') throw new TypeORMError(`installSqliteGate needs a better-sqlite3 data source, not ${dataSource.options.type}`);
  const driver = dataSource.driver as BetterSqlite3Driver;
  const file = dataSource.options.database;
  const reader = file && file !== ':memory:' && !file.startsWith('file:') ? new SqliteReader(file, busyTimeoutMs) : undefined;
  const gate = new SqliteGate(() => driver.databaseConnection as SqliteConnectionHandle, SQLITE_GATE_TIMEOUT_MS, reader, busyTimeoutMs);
  // Waiting for another process's write lock is the gate's job (whenWritable), off the event loop.
  (driver.databaseConnection as { pragma(sql: string): unknown }).pragma('busy_timeout = 0');
  const statements = new Map<string, unknown>();
  driver.createQueryRunner = () => new GatedSqliteQueryRunner(driver, gate, statements);
  const disconnect = driver.disconnect.bind(driver);
  driver.disconnect = async () => {
    gate.flush();
    reader?.close();
    return disconnect();
  };
  gates.set(driver, gate);
  return gate;
}
