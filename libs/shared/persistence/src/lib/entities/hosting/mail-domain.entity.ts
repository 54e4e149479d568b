import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from '../account.entity';

/** A mail domain of a hosting account; unique across all accounts. */
@Entity('mail_domains')
export class MailDomainEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 253, unique: true })
  domain: string;

  @Column({ type: 'boolean', default: true })
  antispam: boolean;

  @Column({ type: 'boolean', default: true })
  antivirus: boolean;

  @Column({ type: 'boolean', default: true })
  dkim: boolean;

  @Column({ type: 'boolean', default: false })
  rejectSpam: boolean;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @Column({ type: 'boolean', default: false })
  ssl: boolean;

  @Column({ type: 'boolean', default: false })
  letsencrypt: boolean;

  @Column({ type: Date, nullable: true })
  letsencryptRequestedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
