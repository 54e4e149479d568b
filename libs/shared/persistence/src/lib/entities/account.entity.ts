import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HostingPackageEntity } from './hosting-package.entity';

/**
 * A hosting account: the panel's user, the installer's user and the target of a billing service
 * are this one row.
 */
@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  username: string;

  /** scrypt hash of the account password. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 255 })
  email: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  name: string;

  @Column({ type: 'integer' })
  packageId: number;

  @ManyToOne(() => HostingPackageEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'package_id' })
  package?: HostingPackageEntity;

  @Column({ type: 'varchar', length: 16, default: 'user' })
  role: 'admin' | 'user';

  @Column({ type: 'varchar', length: 32, default: 'nologin' })
  shell: string;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @Column({ type: 'varchar', length: 16, default: 'en' })
  language: string;

  @CreateDateColumn()
  createdAt: Date;
}
