import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MailDomainEntity } from './mail-domain.entity';

/** A mailbox (local part) of a mail domain. */
@Entity('mail_accounts')
@Unique('uq_mail_accounts_domain_account', ['mailDomainId', 'account'])
export class MailAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  mailDomainId: number;

  @ManyToOne(() => MailDomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mail_domain_id' })
  mailDomain?: MailDomainEntity;

  @Column({ type: 'varchar', length: 64 })
  account: string;

  /** scrypt hash; the mailbox password is never stored or printed in clear. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** Megabytes or "unlimited". */
  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  quota: string;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @CreateDateColumn()
  createdAt: Date;
}
