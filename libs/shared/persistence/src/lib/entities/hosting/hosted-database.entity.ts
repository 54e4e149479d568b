import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from '../account.entity';

/** A database of a hosting account, stored under its full prefixed name (USER_NAME), unique on the server. */
@Entity('hosted_databases')
export class HostedDatabaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  accountId: number;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  dbUser: string;

  /** scrypt hash of the database user's password. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16, default: 'mysql' })
  type: string;

  @Column({ type: 'varchar', length: 255, default: 'localhost' })
  host: string;

  @Column({ type: 'varchar', length: 32, default: 'UTF8MB4' })
  charset: string;

  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @CreateDateColumn()
  createdAt: Date;
}
