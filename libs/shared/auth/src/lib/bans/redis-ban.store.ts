import { type LoginBanPolicy } from '@hostgate/shared/config';
import Redis from 'ioredis';
import { type BanEntry, type LoginBanStore } from './login-ban.store';

/** Counts failures and records a ban in one round trip, atomically for every replica. */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/** Shared state for replicas: a failure counter that expires with the find time, and a ban key that expires with the ban. */
export class RedisBanStore implements LoginBanStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = 'hostgate:login-ban:',
  ) {
    // Short timeouts: a login must never hang on the ban store.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, enableOfflineQueue: true });
  }

  private key(kind: 'fails' | 'ban', scope: string, ip: string): string {
    return `${this.prefix}${kind}:${scope}:${ip}`;
  }

  async bannedUntil(scope: string, ip: string, now: Date): Promise<Date | null> {
    const until = await this.redis.get(this.key('ban', scope, ip));
    return until !== null && Number(until) > now.getTime() ? new Date(Number(until)) : null;
  }

  async recordFailure(scope: string, ip: string, policy: LoginBanPolicy, now: Date): Promise<Date | null> {
    const until = now.getTime() + policy.banSeconds * 1000;
    const banned = (await this.redis.eval(RECORD_FAILURE, 2, this.key('fails', scope, ip), this.key('ban', scope, ip), policy.findTimeSeconds * 1000, policy.maxFailures, policy.banSeconds * 1000, until)) as number;
    return banned === 1 ? new Date(until) : null;
  }

  async forgetFailures(scope: string, ip: string): Promise<void> {
    await this.redis.del(this.key('fails', scope, ip));
  }

  async lift(scope: string, ip: string, now: Date): Promise<boolean> {
    const wasBanned = (await this.bannedUntil(scope, ip, now)) !== null;
    await this.redis.del(this.key('ban', scope, ip), this.key('fails', scope, ip));
    return wasBanned;
  }

  async list(now: Date): Promise<BanEntry[]> {
    const entries: BanEntry[] = [];
    let cursor = '0';
    const marker = `${this.prefix}ban:`;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${marker}*`, 'COUNT', 200);
      cursor = next;
      const values = keys.length > 0 ? await this.redis.mget(...keys) : [];
      keys.forEach((key, i) => {
        const until = Number(values[i]);
        if (!(until > now.getTime())) return;
        const rest = key.slice(marker.length);
        const colon = rest.indexOf(':');
        entries.push({ scope: rest.slice(0, colon), ip: rest.slice(colon + 1), bannedUntil: new Date(until) });
      });
    } while (cursor !== '0');
    return entries.sort((a, b) => a.bannedUntil.getTime() - b.bannedUntil.getTime());
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
