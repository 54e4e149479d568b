import { type LoginBanPolicy } from '@hostgate/shared/config';

export interface BanEntry {
  readonly scope: string;
  readonly ip: string;
  readonly bannedUntil: Date;
}

/**
 * Where failed logins and bans are kept. The state must be shared by every replica: Redis when
 * REDIS_URL is set, otherwise the database (one SQLite process, or PostgreSQL shared by replicas).
 */
export interface LoginBanStore {
  /** The end of the ban on this IP, or null when it is not banned now. */
  bannedUntil(scope: string, ip: string, now: Date): Promise<Date | null>;
  /** Counts a failure; bans the IP when the policy's limit is reached. Returns the ban's end, if any. */
  recordFailure(scope: string, ip: string, policy: LoginBanPolicy, now: Date): Promise<Date | null>;
  /** Forgets the failures of an IP (a successful login where the policy counts consecutive failures). */
  forgetFailures(scope: string, ip: string): Promise<void>;
  /** Lifts a ban and forgets the failures; true when there was a ban to lift. */
  lift(scope: string, ip: string, now: Date): Promise<boolean>;
  /** Bans in force. */
  list(now: Date): Promise<BanEntry[]>;
  close(): Promise<void>;
}
