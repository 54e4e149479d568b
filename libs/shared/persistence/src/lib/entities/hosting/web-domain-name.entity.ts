import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebDomainEntity } from '../web-domain.entity';

/**
 * Every name a web domain answers to: its domain and each alias. The primary key makes a name one
 * account's only, whichever kind either side is, in the database itself; rows go with their web
 * domain. `web_domains.aliases` stays the list as the panel shows it.
 */
@Entity('web_domain_names')
export class WebDomainNameEntity {
  @PrimaryColumn({ type: 'varchar', length: 253 })
  name: string;

  @Index('idx_web_domain_names_web_domain')
  @Column({ type: 'integer' })
  webDomainId: number;

  @ManyToOne(() => WebDomainEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'web_domain_id' })
  webDomain?: WebDomainEntity;

  @Column({ type: 'varchar', length: 8 })
  kind: 'domain' | 'alias';
}
