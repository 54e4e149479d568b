import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AccountEntity } from '../account.entity';
import { HostedDatabaseEntity } from '../hosting/hosted-database.entity';

export type InstallStatus = 'installing' | 'installed' | 'failed';

/** An application installed by the installer dialect onto one of an account's web domains. */
@Entity('installer_installs')
export class InstallEntity {
  /** Installatron-style public id, e.g. `wordpress-1a2b3c4d5e6f`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 64 })
  application: string;

  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 16, default: 'en' })
  language: string;

  /** The site's URL as Installatron shows it: scheme, host, path, no trailing slash. */
  @Column({ type: 'varchar', length: 1024 })
  url: string;

  /** host + path, lower-case host, no scheme: one install per location whatever the scheme (unique). */
  @Column({ type: 'varchar', length: 1024, unique: true })
  urlKey: string;

  /** The account's web domain the URL lies on. */
  @Column({ type: 'varchar', length: 253 })
  domain: string;

  /** Path below the domain's document root, without edge slashes ('' for the root). */
  @Column({ type: 'varchar', length: 512, default: '' })
  path: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  title: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  login: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  email: string;

  @Column({ type: 'integer', nullable: true })
  databaseId: number | null;

  @ManyToOne(() => HostedDatabaseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'database_id' })
  database?: HostedDatabaseEntity | null;

  @Column({ type: 'varchar', length: 64, default: '' })
  dbName: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  dbUser: string;

  @Column({ type: 'varchar', length: 16, default: '' })
  dbType: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  dbHost: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  dbPrefix: string;

  @Column({ type: 'varchar', length: 16, default: 'minor' })
  autoup: string;

  @Column({ type: 'varchar', length: 16, default: 'installing' })
  status: InstallStatus;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
