import Database from 'better-sqlite3';

/** The part of a prepared better-sqlite3 statement the reader and compiled statements use. */
export interface SqliteStatement {
  readonly reader: boolean;
  /** Whether the statement only reads (a RETURNING write is a reader, but not readonly). */
  readonly readonly: boolean;
  raw(toggle: boolean): SqliteStatement;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { readonly changes: number; readonly lastInsertRowid: number | bigint };
}

/** How many TypeORM statements the reader keeps prepared (TypeORM's own default for its runner). */
const STATEMENT_CACHE_SIZE = 100;

/**
 * A second, read-only connection to the SQLite file for reads outside transactions. In WAL mode it
 * reads the last committed state while the writing connection holds an open transaction, so a read
 * never waits for another request's transaction, and never sees its uncommitted rows: what
 * PostgreSQL's pool gives, on one file.
 *
 * The reads of one event-loop turn share one read transaction (one snapshot, at most one turn old):
 * in WAL mode every statement outside a transaction takes and drops the read locks with system
 * calls of its own, over half the cost of a primary-key lookup. It ends at the end of the turn, and
 * at once whenever the writing connection commits, so what a caller has written is what it reads
 * next.
 */
export class SqliteReader {
  private db: Database.Database | undefined;
  private begin: Database.Statement | undefined;
  private commit: Database.Statement | undefined;
  private readOpen = false;
  private closed = false;
  /** TypeORM's statements, prepared on this connection (compiled statements keep their own). */
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  /**
   * The connection, opened on first use (after the writing connection has created the file).
   * Undefined once closed, or if it cannot be opened: reads then take their turn on the writer.
   */
  connection(): Database.Database | undefined {
    if (this.closed) return undefined;
    if (!this.db) {
      try {
        const db = new Database(this.file, { readonly: true, fileMustExist: true });
        db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
        this.begin = db.prepare('BEGIN');
        this.commit = db.prepare('COMMIT');
        this.db = db;
      } catch {
        this.closed = true;
        return undefined;
      }
    }
    return this.db;
  }

  /** A TypeORM statement prepared on this connection; undefined when it cannot be (left to the writer, which reports the error). */
  statement(sql: string): SqliteStatement | undefined {
    let stmt = this.statements.get(sql);
    if (stmt) return stmt;
    const db = this.connection();
    if (!db) return undefined;
    try {
      stmt = db.prepare(sql) as unknown as SqliteStatement;
    } catch {
      return undefined;
    }
    this.statements.set(sql, stmt);
    if (this.statements.size > STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
    return stmt;
  }

  /** Before a read on this connection: joins the turn's read transaction, opening it if needed. */
  beforeRead(): void {
    if (this.readOpen || !this.connection() || !this.begin) return;
    this.begin.run();
    this.readOpen = true;
    setImmediate(this.endRead);
  }

  /** Ends the shared read transaction, if one is open: at the end of the turn, and after every commit of the writer. */
  readonly endRead = (): void => {
    if (!this.readOpen) return;
    this.readOpen = false;
    if (this.db?.open && this.db.inTransaction) this.commit?.run();
  };

  /** Whether the turn's read transaction is open. */
  get reading(): boolean {
    return this.readOpen;
  }

  close(): void {
    this.closed = true;
    this.readOpen = false;
    this.statements.clear();
    if (this.db?.open) this.db.close();
    this.db = undefined;
  }
}
