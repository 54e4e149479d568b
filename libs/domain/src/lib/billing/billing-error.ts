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
  return new DomainError(CODE_BY_RULE[rule], message, { field, reason: rule });
}
