import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from './account.entity';

/** A web domain of a hosting account; domains are unique across all accounts. */
@Entity('web_domains')
export class WebDomainEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 253, unique: true })
  domain: string;

  /** Comma-separated, as the panel lists them. */
  @Column({ type: 'text', default: '' })
  aliases: string;

  @Column({ type: 'varchar', length: 45, default: '' })
  ip: string;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  /** SSL on (Hestia's SSL), and whether the certificate is Let's Encrypt's (LETSENCRYPT). */
  @Column({ type: 'boolean', default: false })
  ssl: boolean;

  @Column({ type: 'boolean', default: false })
  letsencrypt: boolean;

  /** The aliases the last Let's Encrypt request covered, comma-separated. */
  @Column({ type: 'text', default: '' })
  letsencryptAliases: string;

  @Column({ type: Date, nullable: true })
  letsencryptRequestedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
