import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

export const INVOICE_STATUSES = ['active', 'draft', 'proforma', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity('invoices')
export class InvoiceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, default: '{num}' })
  idFormat: string;

  /** Unique per company with id_format; drawn from billing_sequences, never from MAX()+1. */
  @Column({ type: 'integer' })
  idValue: number;

  @Column({ type: 'integer' })
  clientId: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: Date })
  dateBilled: Date;

  @Column({ type: Date })
  dateDue: Date;

  @Column({ type: Date, nullable: true })
  dateClosed: Date | null;

  @Column({ type: Date, nullable: true })
  dateAutodebit: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: InvoiceStatus;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'text', nullable: true })
  notePublic: string | null;

  @Column({ type: 'text', nullable: true })
  notePrivate: string | null;

  @Column({ type: 'bigint', default: 0, transformer: SCALED_AMOUNT })
  subtotal: bigint;

  @Column({ type: 'bigint', default: 0, transformer: SCALED_AMOUNT })
  total: bigint;

  @Column({ type: 'bigint', default: 0, transformer: SCALED_AMOUNT })
  paid: bigint;

  @Column({ type: Date })
  dateAdded: Date;
}
