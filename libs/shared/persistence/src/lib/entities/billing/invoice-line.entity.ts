import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

@Entity('invoice_lines')
export class InvoiceLineEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  invoiceId: number;

  @Column({ type: 'integer', nullable: true })
  serviceId: number | null;

  @Column({ type: 'text' })
  description: string;

  /** Scaled by 10^4 like amounts: Blesta allows fractional quantities. */
  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  qty: bigint;

  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  amount: bigint;

  @Column({ type: 'boolean', default: false })
  tax: boolean;

  /** Position on the invoice (Blesta's `order`, a reserved word in SQL). */
  @Column({ type: 'integer', default: 0 })
  lineOrder: number;
}
