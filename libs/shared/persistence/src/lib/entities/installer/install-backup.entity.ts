import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '../account.entity';

/** A backup of an install: an archive under DATA_DIR; it outlives the install, as Installatron's do. */
@Entity('installer_backups')
export class InstallBackupEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 64 })
  installId: string;

  @Column({ type: 'varchar', length: 64 })
  application: string;

  @Column({ type: 'varchar', length: 32 })
  version: string;

  @Column({ type: 'varchar', length: 1024 })
  url: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  title: string;

  /** The archive, relative to DATA_DIR. */
  @Column({ type: 'varchar', length: 512 })
  archive: string;

  @Column({ type: 'integer', default: 0 })
  size: number;

  @CreateDateColumn()
  createdAt: Date;
}
