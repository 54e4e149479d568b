import { type LoginBanPolicy } from '@hostgate/shared/config';
import { compiledFindOne, compiledQuery, LoginBanEntity } from '@hostgate/shared/persistence';
import { type DataSource, MoreThan } from 'typeorm';
import { type BanEntry, type LoginBanStore } from './login-ban.store';

/** The embedded store: one row per (scope, IP), changed inside a transaction. */
export class DatabaseBanStore implements LoginBanStore {
  constructor(private readonly dataSource: DataSource) {}

  async bannedUntil(scope: string, ip: string, now: Date): Promise<Date | null> {
    const row = await compiledFindOne(this.dataSource.getRepository(LoginBanEntity), { scope, ip }, { select: ['bannedUntil'] });
    return row?.bannedUntil && row.bannedUntil > now ? row.bannedUntil : null;
  }

  async recordFailure(scope: string, ip: string, policy: LoginBanPolicy, now: Date): Promise<Date | null> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(LoginBanEntity);
      // Insert-if-absent first, so two concurrent first failures cannot both insert.
      await repo.createQueryBuilder().insert().values({ scope, ip, failures: 0, windowStartedAt: now, bannedUntil: null }).orIgnore().execute();
      const query = repo.createQueryBuilder('b').where('b.scope = :scope AND b.ip = :ip', { scope, ip });
      // SQLite serialises write transactions itself; PostgreSQL needs the row lock.
      const row = await (this.dataSource.options.type === 'postgres' ? query.setLock('pessimistic_write') : query).getOneOrFail();
      const windowExpired = !row.windowStartedAt || now.getTime() - row.windowStartedAt.getTime() > policy.findTimeSeconds * 1000;
      const failures = windowExpired ? 1 : row.failures + 1;
      const windowStartedAt = windowExpired ? now : row.windowStartedAt;
      const banned = failures >= policy.maxFailures;
      const bannedUntil = banned ? new Date(now.getTime() + policy.banSeconds * 1000) : row.bannedUntil;
      // A ban starts a fresh count: the next failures after it ends are counted anew.
      await repo.update({ scope, ip }, { failures: banned ? 0 : failures, windowStartedAt: banned ? null : windowStartedAt, bannedUntil });
      return banned ? bannedUntil : null;
    });
  }

  /** Runs on every successful login where the policy counts consecutive failures: a write only when there is something to forget. */
  async forgetFailures(scope: string, ip: string): Promise<void> {
    await compiledQuery(
      this.dataSource.manager,
      'UPDATE login_bans SET failures = 0, window_started_at = NULL WHERE scope = :scope AND ip = :ip AND (failures <> 0 OR window_started_at IS NOT NULL)',
      { scope, ip },
    );
  }

  async lift(scope: string, ip: string, now: Date): Promise<boolean> {
    const wasBanned = (await this.bannedUntil(scope, ip, now)) !== null;
    await this.dataSource.getRepository(LoginBanEntity).delete({ scope, ip });
    return wasBanned;
  }

  async list(now: Date): Promise<BanEntry[]> {
    const rows = await this.dataSource.getRepository(LoginBanEntity).find({ where: { bannedUntil: MoreThan(now) }, order: { bannedUntil: 'ASC' } });
    return rows.map((r) => ({ scope: r.scope, ip: r.ip, bannedUntil: r.bannedUntil as Date }));
  }

  async close(): Promise<void> {
    // The data source belongs to the application.
  }
}
