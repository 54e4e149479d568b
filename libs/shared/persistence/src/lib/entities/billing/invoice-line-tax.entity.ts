import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

/**
 * A tax rule applied to one invoice line, with the tax it came to when the line was written, so a
 * later change to the rule leaves issued invoices as they were.
 */
@Entity('invoice_line_taxes')
export class InvoiceLineTaxEntity {
  @PrimaryColumn({ type: 'integer' })
  lineId: number;

  @PrimaryColumn({ type: 'integer' })
  taxId: number;

  @Column({ type: 'integer' })
  invoiceId: number;

  /** Level 2 computed on the line plus its level 1 tax (the company's cascade_tax setting). */
  @Column({ type: 'boolean', default: false })
  cascaded: boolean;

  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  taxAmount: bigint;
}
