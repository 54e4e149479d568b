import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SUPPORT_TICKET_STATUSES = ['Open', 'Answered', 'Customer-Reply', 'On Hold', 'In Progress', 'Closed'] as const;
export const SUPPORT_TICKET_PRIORITIES = ['Low', 'Medium', 'High'] as const;

/** A support ticket of a billing client; the project and billing dialects expose the same rows. */
@Entity('support_tickets')
export class SupportTicketEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The ticket number a client quotes (WHMCS "tid"); unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  tid: string;

  @Column({ type: 'integer' })
  clientId: number;

  @Column({ type: 'varchar', length: 128, default: 'Support' })
  department: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ type: 'varchar', length: 32, default: 'Open' })
  status: string;

  @Column({ type: 'varchar', length: 16, default: 'Medium' })
  priority: string;

  @CreateDateColumn()
  dateCreated: Date;

  @UpdateDateColumn()
  dateModified: Date;
}
