import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HOSTGATE_CONFIG, type HostgateConfig, type LoginBanPolicy } from '@hostgate/shared/config';
import { DataSource } from 'typeorm';
import { type AuthScheme } from '../auth.decorators';
import { DatabaseBanStore } from './database-ban.store';
import { type BanEntry, type LoginBanStore } from './login-ban.store';
import { RedisBanStore } from './redis-ban.store';

/** The dialects whose products ban an IP after failed logins, by the scheme that authenticates them. */
export const BAN_SCOPES = { hestia: 'panel', wbteampro: 'project' } as const satisfies Partial<Record<AuthScheme, string>>;
export type BanScope = (typeof BAN_SCOPES)[keyof typeof BAN_SCOPES];
export const BAN_SCOPE_NAMES: readonly BanScope[] = Object.values(BAN_SCOPES);

export function banScopeOf(scheme: AuthScheme): BanScope | undefined {
  return (BAN_SCOPES as Partial<Record<AuthScheme, BanScope>>)[scheme];
}

/**
 * Failed-login bans shared by every replica. A store that cannot be reached lets logins through
 * (logged as an error) rather than locking every client out while Redis is down.
 */
@Injectable()
export class LoginBanService implements OnApplicationShutdown {
  private readonly logger = new Logger('LoginBans');
  private readonly store: LoginBanStore;

  constructor(@Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig, dataSource: DataSource) {
    this.store = config.redisUrl ? new RedisBanStore(config.redisUrl) : new DatabaseBanStore(dataSource);
  }

  policy(scope: BanScope): LoginBanPolicy {
    return this.config.loginBans[scope];
  }

  async bannedUntil(scope: BanScope, ip: string): Promise<Date | null> {
    try {
      return await this.store.bannedUntil(scope, normalizeIp(ip), new Date());
    } catch (e) {
      this.logger.error(`ban store unavailable, not checking ${scope} bans: ${(e as Error).message}`);
      return null;
    }
  }

  async failed(scope: BanScope, ip: string): Promise<void> {
    try {
      const until = await this.store.recordFailure(scope, normalizeIp(ip), this.policy(scope), new Date());
      if (until) this.logger.warn(`${scope}: ${normalizeIp(ip)} banned until ${until.toISOString()} after ${this.policy(scope).maxFailures} failed logins`);
    } catch (e) {
      this.logger.error(`ban store unavailable, failed ${scope} login not counted: ${(e as Error).message}`);
    }
  }

  async succeeded(scope: BanScope, ip: string): Promise<void> {
    if (!this.policy(scope).resetOnSuccess) return;
    try {
      await this.store.forgetFailures(scope, normalizeIp(ip));
    } catch (e) {
      this.logger.error(`ban store unavailable: ${(e as Error).message}`);
    }
  }

  list(): Promise<BanEntry[]> {
    return this.store.list(new Date());
  }

  async lift(scope: BanScope, ip: string): Promise<boolean> {
    const lifted = await this.store.lift(scope, normalizeIp(ip), new Date());
    if (lifted) this.logger.log(`${scope}: ban on ${normalizeIp(ip)} lifted`);
    return lifted;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** IPv4-mapped IPv6 (::ffff:192.0.2.1) is the IPv4 address, as Hestia unwraps it. */
export function normalizeIp(ip: string): string {
  const v = ip.trim().toLowerCase();
  return v.startsWith('::ffff:') && v.includes('.') ? v.slice(7) : v;
}
