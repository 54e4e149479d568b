import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A billing-side login (Blesta "users"): staff, clients and contacts sign in with one. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  /** scrypt hash; never returned in clear, never logged. */
  @Column({ type: 'varchar', length: 255 })
  password: string;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  twoFactorMode: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  twoFactorKey: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  twoFactorPin: string | null;

  @CreateDateColumn()
  dateAdded: Date;
}
