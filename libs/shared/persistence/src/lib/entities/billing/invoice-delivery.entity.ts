import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A delivery method queued for an invoice (email, paper, ...), sent later by the mailer. */
@Entity('invoice_delivery')
export class InvoiceDeliveryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  invoiceId: number;

  @Column({ type: 'varchar', length: 32 })
  method: string;

  @Column({ type: Date, nullable: true })
  dateSent: Date | null;
}
