import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

/** How much of a transaction pays which invoice. */
@Entity('transaction_applied')
export class TransactionAppliedEntity {
  @PrimaryColumn({ type: 'integer' })
  transactionId: number;

  @PrimaryColumn({ type: 'integer' })
  invoiceId: number;

  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  amount: bigint;

  @Column({ type: Date })
  date: Date;
}
