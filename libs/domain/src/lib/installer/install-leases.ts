import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compiledQuery } from '@hostgate/shared/persistence';

/** How the lease behaves; the defaults suit file operations of seconds to minutes. */
export interface LeaseTimings {
  /** How long a lease lasts without renewal: a process that died frees its installs after this. */
  readonly ttlMs: number;
  /** How often the holder renews it (well within ttlMs). */
  readonly renewMs: number;
  /** First and longest pause between tries while another process holds the install. */
  readonly firstPollMs: number;
  readonly maxPollMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 30_000, renewMs: 10_000, firstPollMs: 20, maxPollMs: 500 };

/**
 * One install at a time across processes: the installer CLI run beside a running gateway, or
 * installer replicas sharing the database and the data directory, each work on an install's files
 * only while holding its row in `install_leases`. A lease is taken with one statement (insert, or
 * take over a row whose expiry has passed), renewed while the work runs, and deleted when it ends;
 * a process that dies leaves a row that expires after `ttlMs`. Waiting is by polling (a row lock or
 * an advisory lock held for minutes of file copying would keep a connection, or SQLite's only write
 * lock, for as long).
 *
 * Expiry compares the taker's clock with the holder's, so hosts that share one database should
 * keep their clocks within a few seconds of each other (NTP does). Within one process,
 * `InstallTurns` orders the operations first, so a process holds at most one lease per install.
 */
@Injectable()
export class InstallLeases {
  private readonly logger = new Logger('InstallLeases');
  /** Identifies this process's leases (host, pid and a random part, for an operator reading the table). */
  private readonly process = `${hostname().slice(0, 48)}:${process.pid}:${randomBytes(6).toString('hex')}`;
  private sequence = 0;
  private readonly waiters = new Map<string, number>();
  private timings: LeaseTimings = DEFAULT_LEASE_TIMINGS;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Tests shorten the timings. */
  configure(timings: Partial<LeaseTimings>): void {
    this.timings = { ...this.timings, ...timings };
  }

  /** Runs `work` while holding the install's lease, waiting for another process's to end or expire. */
  async hold<T>(installId: string, work: () => Promise<T>): Promise<T> {
    const holder = `${this.process}:${++this.sequence}`;
    await this.acquire(installId, holder);
    const renewal = setInterval(() => void this.renew(installId, holder), this.timings.renewMs);
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await this.release(installId, holder);
    }
  }

  /** How many operations of this process are waiting for another process to let go of the install. */
  waiting(installId: string): number {
    return this.waiters.get(installId) ?? 0;
  }

  private async acquire(installId: string, holder: string): Promise<void> {
    if (await this.tryTake(installId, holder)) return;
    this.waiters.set(installId, this.waiting(installId) + 1);
    try {
      let pause = this.timings.firstPollMs;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        if (await this.tryTake(installId, holder)) return;
        pause = Math.min(this.timings.maxPollMs, pause * 2);
      }
    } finally {
      const left = this.waiting(installId) - 1;
      if (left > 0) this.waiters.set(installId, left);
      else this.waiters.delete(installId);
    }
  }

  /** Inserts the lease, or takes over one that has expired; true when the row is now ours. */
  private async tryTake(installId: string, holder: string): Promise<boolean> {
    const now = Date.now();
    const rows = await compiledQuery(this.dataSource.manager, TAKE, { installId, holder, expiresAt: now + this.timings.ttlMs, now });
    return rows.length === 1;
  }

  private async renew(installId: string, holder: string): Promise<void> {
    try {
      const rows = await compiledQuery(this.dataSource.manager, RENEW, { installId, holder, expiresAt: Date.now() + this.timings.ttlMs });
      if (rows.length === 0) this.logger.warn(`lease on install ${installId} was lost (it expired and another process took it); its operation goes on`);
    } catch (e) {
      this.logger.warn(`could not renew the lease on install ${installId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async release(installId: string, holder: string): Promise<void> {
    try {
      await compiledQuery(this.dataSource.manager, RELEASE, { installId, holder });
    } catch (e) {
      // The row expires by itself; until then other processes wait for it.
      this.logger.warn(`could not release the lease on install ${installId} (it expires in ${this.timings.ttlMs} ms): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

const TAKE = `INSERT INTO install_leases (install_id, holder, expires_at) VALUES (:installId, :holder, :expiresAt)
  ON CONFLICT (install_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE install_leases.expires_at < :now
  RETURNING holder`;
const RENEW = 'UPDATE install_leases SET expires_at = :expiresAt WHERE install_id = :installId AND holder = :holder RETURNING holder';
const RELEASE = 'DELETE FROM install_leases WHERE install_id = :installId AND holder = :holder';
