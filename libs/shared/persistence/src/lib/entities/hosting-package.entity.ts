import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A hosting package (Hestia "user package"). Limits are text because the panel reports them as
 * either a number or "unlimited"; `null`-free so every dialect prints the same value.
 */
@Entity('hosting_packages')
export class HostingPackageEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  webTemplate: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  backendTemplate: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  proxyTemplate: string;

  @Column({ type: 'varchar', length: 64, default: 'default' })
  dnsTemplate: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  webDomains: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  webAliases: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  dnsDomains: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  dnsRecords: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  mailDomains: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  mailAccounts: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  databases: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  cronJobs: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  diskQuota: string;

  @Column({ type: 'varchar', length: 16, default: 'unlimited' })
  bandwidth: string;

  @Column({ type: 'varchar', length: 255, default: 'ns1.example.com,ns2.example.com' })
  ns: string;

  @Column({ type: 'varchar', length: 32, default: 'nologin' })
  shell: string;

  @Column({ type: 'varchar', length: 16, default: '1' })
  backups: string;

  @CreateDateColumn()
  createdAt: Date;
}
