import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

export const TRANSACTION_TYPES = ['cc', 'ach', 'other'] as const;
export const TRANSACTION_STATUSES = ['approved', 'declined', 'void', 'error', 'pending', 'refunded', 'returned'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** A payment received from a client, applied to invoices through transaction_applied. */
@Entity('transactions')
export class TransactionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  clientId: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  amount: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 8, default: 'other' })
  type: string;

  @Column({ type: 'integer', nullable: true })
  transactionTypeId: number | null;

  @Column({ type: 'integer', nullable: true })
  accountId: number | null;

  @Column({ type: 'integer', nullable: true })
  gatewayId: number | null;

  /** The payment gateway's own reference (Blesta's transaction_id column). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  transactionId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  referenceId: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 16, default: 'approved' })
  status: TransactionStatus;

  @Column({ type: Date })
  dateAdded: Date;
}
