import { type ValueTransformer } from 'typeorm';

/**
 * Amounts are stored as integers of 1/10000 (Blesta keeps DECIMAL(19,4)); PostgreSQL hands a bigint
 * back as a string and SQLite as a number, so both are read as a bigint, never as a JS float.
 */
export const SCALED_AMOUNT: ValueTransformer = {
  to: (v: bigint | null | undefined): string | null | undefined => (typeof v === 'bigint' ? v.toString() : v),
  from: (v: string | number | bigint | null): bigint | null => (v === null ? null : BigInt(v)),
};
