import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from '../account.entity';

/** A DNS zone of a hosting account; zones are unique across all accounts. */
@Entity('dns_domains')
export class DnsDomainEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 253, unique: true })
  domain: string;

  @Column({ type: 'varchar', length: 45, default: '' })
  ip: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  template: string;

  @Column({ type: 'integer', default: 14400 })
  ttl: number;

  /** Comma-separated name servers, as the zone's SOA and NS records use them. */
  @Column({ type: 'varchar', length: 255, default: '' })
  ns: string;

  @Column({ type: 'boolean', default: false })
  dnssec: boolean;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @CreateDateColumn()
  createdAt: Date;
}
