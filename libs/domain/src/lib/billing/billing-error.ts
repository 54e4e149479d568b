import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';

/** Blesta's rule names, the keys of its `errors` object (language/en_us/*.php). */
export type BlestaRule = 'empty' | 'exists' | 'format' | 'length' | 'valid' | 'unique' | 'matches' | 'deleteable' | 'primary' | 'voidable' | 'in_use' | 'suspended' | 'unsuspended' | 'module';

const CODE_BY_RULE: Readonly<Record<BlestaRule, DomainErrorCode>> = {
  empty: DomainErrorCode.MissingField,
  exists: DomainErrorCode.NotFound,
  unique: DomainErrorCode.AlreadyExists,
  deleteable: DomainErrorCode.InUse,
  primary: DomainErrorCode.InUse,
  format: DomainErrorCode.InvalidField,
  length: DomainErrorCode.InvalidField,
  valid: DomainErrorCode.InvalidField,
  matches: DomainErrorCode.InvalidField,
  voidable: DomainErrorCode.InvalidField,
  in_use: DomainErrorCode.InUse,
  suspended: DomainErrorCode.Suspended,
  unsuspended: DomainErrorCode.NotSuspended,
  module: DomainErrorCode.InvalidField,
};

/**
 * A billing validation failure: `field` is the Blesta field name and `reason` the Blesta rule, so
 * the billing renderer can answer `{field: {rule: message}}` exactly as Blesta does, while other
 * dialects still see an ordinary code.
 */
export function billingInvalid(field: string, rule: BlestaRule, message: string): DomainError {
  return new BillingValidationError([{ field, rule, message }]);
}

export interface BillingFailure {
  readonly field: string;
  readonly rule: BlestaRule;
  readonly message: string;
}

/**
 * Every field that failed, as Blesta's Input component collects them all before answering. It is an
 * ordinary DomainError for the first failure, so other dialects see a plain code.
 */
export class BillingValidationError extends DomainError {
  constructor(readonly failures: readonly BillingFailure[]) {
    const [first] = failures;
    super(CODE_BY_RULE[first.rule], first.message, { field: first.field, reason: first.rule });
    this.name = 'BillingValidationError';
  }
}

/**
 * Collects field failures so one 400 names them all. Each check runs on its own; a billing
 * validation failure is recorded and the fallback stands in for the value until `done()` throws.
 */
export class BillingChecks {
  private readonly failures: BillingFailure[] = [];

  check<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      return this.record(e, fallback);
    }
  }

  async checkAsync<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      return this.record(e, fallback);
    }
  }

  fail(field: string, rule: BlestaRule, message: string): void {
    this.failures.push({ field, rule, message });
  }

  get failed(): boolean {
    return this.failures.length > 0;
  }

  /** How many failures are recorded, so a caller can tell whether one item of a list failed. */
  get count(): number {
    return this.failures.length;
  }

  /** Throws every failure recorded so far, if any. */
  done(): void {
    if (this.failures.length > 0) throw new BillingValidationError([...this.failures]);
  }

  private record<T>(e: unknown, fallback: T): T {
    if (!(e instanceof BillingValidationError)) throw e;
    this.failures.push(...e.failures);
    return fallback;
  }
}
