import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed logins and bans per (scheme, IP) when no Redis is configured; on PostgreSQL every replica
 * shares it. With REDIS_URL set, the same state lives in Redis instead.
 */
@Entity('login_bans')
export class LoginBanEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** Start of the current counting window. */
  @Column({ type: Date, nullable: true })
  windowStartedAt: Date | null;

  @Column({ type: Date, nullable: true })
  bannedUntil: Date | null;
}
