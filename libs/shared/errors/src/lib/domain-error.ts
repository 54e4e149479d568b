/**
 * Every failure a domain service can report. Each dialect maps every code to its own envelope
 * through a `Record<DomainErrorCode, ...>` (or an exhaustive switch), so adding a code here does not
 * compile until every dialect has decided how to say it.
 */
export enum DomainErrorCode {
  NotFound = 'not_found',
  AlreadyExists = 'already_exists',
  InvalidField = 'invalid_field',
  MissingField = 'missing_field',
  LimitReached = 'limit_reached',
  Forbidden = 'forbidden',
  Suspended = 'suspended',
  NotSuspended = 'not_suspended',
  InUse = 'in_use',
  Unauthenticated = 'unauthenticated',
  Banned = 'banned',
  Disabled = 'disabled',
}

export interface DomainErrorDetails {
  /** The input field at fault, in the domain's own naming (dialects rename it). */
  readonly field?: string;
  /** What kind of object is concerned, e.g. "user", "web domain", "invoice". */
  readonly entity?: string;
  /** The offending value, for messages such as "user alice doesn't exist". */
  readonly value?: string;
  /** A finer reason a dialect may need to pick its exact answer, e.g. "no_credentials". */
  readonly reason?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, value: string, field?: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${entity} ${value} doesn't exist`, { entity, value, field });
  }

  static exists(entity: string, value: string, field?: string): DomainError {
    return new DomainError(DomainErrorCode.AlreadyExists, `${entity} ${value} already exists`, { entity, value, field });
  }

  static invalid(field: string, value: string, message = `invalid ${field} format :: ${value}`): DomainError {
    return new DomainError(DomainErrorCode.InvalidField, message, { field, value });
  }

  static missing(field: string): DomainError {
    return new DomainError(DomainErrorCode.MissingField, `${field} is required`, { field });
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/**
 * A value the database refused: PostgreSQL's data exceptions (SQLSTATE class 22), such as an id
 * beyond its integer column, a NUL character in text or text longer than its column. The value
 * was the client's, so every dialect answers it as its invalid input, not as a failure of its own.
 * SQLite takes such values (it finds nothing, or stores them). Carries the SQLSTATE, never the value.
 */
export class RefusedValueError extends DomainError {
  constructor(readonly sqlstate: string) {
    super(DomainErrorCode.InvalidField, 'A value given is out of range or not valid.', { reason: 'invalid' });
  }
}

/**
 * The domain error an exception stands for: itself when it is one, a RefusedValueError for a
 * database's refusal of a value (recognised by TypeORM's error name and the driver's SQLSTATE, so
 * this lib needs no ORM), otherwise undefined. Every place that turns errors into a dialect's answer
 * asks this instead of isDomainError, so a refused value reads the same over HTTP, in a command's
 * output and from the CLI.
 */
export function asDomainError(e: unknown): DomainError | undefined {
  if (e instanceof DomainError) return e;
  const code = databaseErrorCode(e);
  return /^22[0-9A-Z]{3}$/.test(code) ? new RefusedValueError(code) : undefined;
}

/**
 * The driver's code of a failed query (a PostgreSQL SQLSTATE such as 23505, or better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE), read from TypeORM's QueryFailedError by its name so this lib needs no
 * ORM; '' for any other error.
 */
export function databaseErrorCode(e: unknown): string {
  if (!(e instanceof Error) || e.name !== 'QueryFailedError') return '';
  const code = (e as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' ? code : '';
}
