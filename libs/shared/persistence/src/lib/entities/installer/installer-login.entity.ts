import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A single-use, expiring login link (users/{id}/login, installs/{id}/login); only its hash is kept. */
@Entity('installer_logins')
export class InstallerLoginEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'user' | 'install';

  /** The user name or install id the link signs in to. */
  @Column({ type: 'varchar', length: 64 })
  subject: string;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  usedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
