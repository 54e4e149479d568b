import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DnsDomainEntity } from './dns-domain.entity';

/** One resource record of a zone; `recordId` is the per-zone number clients pass to v-delete-dns-record. */
@Entity('dns_records')
export class DnsRecordEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  dnsDomainId: number;

  @ManyToOne(() => DnsDomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dns_domain_id' })
  dnsDomain?: DnsDomainEntity;

  @Column({ type: 'integer' })
  recordId: number;

  @Column({ type: 'varchar', length: 255 })
  record: string;

  @Column({ type: 'varchar', length: 16 })
  type: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'varchar', length: 8, default: '' })
  priority: string;

  @Column({ type: 'integer', default: 14400 })
  ttl: number;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @CreateDateColumn()
  createdAt: Date;
}
