import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { HOSTGATE_CONFIG, type HostgateConfig } from '@hostgate/shared/config';
import { InstallerJobQueue, InstallerTasksService } from './installer-tasks.service';

/** Whether this process should pick up work left over by a previous run (the CLI should not). */
export const INSTALLER_RECOVERY = Symbol('INSTALLER_RECOVERY');

export const INSTALLER_QUEUE_NAME = 'installer-tasks';

/**
 * The single-process runner (no REDIS_URL): a FIFO in memory over the tasks table, at most
 * `taskConcurrency` jobs at once. The table is the source of truth: queued rows left at shutdown
 * are found again at the next start.
 */
@Injectable()
export class InProcessTaskRunner extends InstallerJobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InstallerTaskRunner');
  private readonly waiting: number[] = [];
  private readonly known = new Set<number>();
  private readonly active = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly tasks: InstallerTasksService,
    @Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig,
    @Inject(INSTALLER_RECOVERY) private readonly recover: boolean,
  ) {
    super();
    tasks.attachQueue(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.recover) return;
    const requeued = await this.tasks.requeueInterrupted();
    if (requeued > 0) this.logger.warn(`${requeued} installer task(s) interrupted by a restart were queued again`);
    for (const id of await this.tasks.pending(false)) await this.enqueue(id);
  }

  async enqueue(taskId: number): Promise<void> {
    if (this.stopped || this.known.has(taskId)) return;
    this.known.add(taskId);
    this.waiting.push(taskId);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.active.size < this.config.installer.taskConcurrency && this.waiting.length > 0) {
      const id = this.waiting.shift() as number;
      const run: Promise<void> = this.tasks
        .execute(id)
        .catch((e: unknown) => this.logger.error(`installer task ${id}: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => {
          this.active.delete(run);
          this.known.delete(id);
          this.pump();
        });
      this.active.add(run);
    }
  }

  /** Waits until nothing is running or queued (the CLI waits for its own background jobs). */
  async drain(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active]);
  }

  /** Jobs already running finish (they hold files half-written otherwise); queued ones wait for the next start. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.active]);
  }
}

/**
 * Several replicas share the work through BullMQ on Redis: the job id is the task id, so enqueuing
 * a task twice is a no-op, and a job whose worker died is re-delivered by BullMQ's stalled-job check.
 */
@Injectable()
export class BullMqTaskRunner extends InstallerJobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InstallerTaskRunner');
  private readonly connections: IORedis[] = [];
  private readonly queue: Queue;
  private worker: Worker | undefined;

  constructor(
    private readonly tasks: InstallerTasksService,
    @Inject(HOSTGATE_CONFIG) private readonly config: HostgateConfig,
    @Inject(INSTALLER_RECOVERY) private readonly recover: boolean,
  ) {
    super();
    tasks.attachQueue(this);
    this.queue = new Queue(INSTALLER_QUEUE_NAME, { connection: this.connection(), prefix: config.installer.queuePrefix });
  }

  private connection(): IORedis {
    const c = new IORedis(this.config.redisUrl as string, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on('error', (e: Error) => this.logger.error(`redis: ${e.message}`));
    this.connections.push(c);
    return c;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.recover) return;
    this.worker = new Worker(INSTALLER_QUEUE_NAME, async (job) => this.tasks.execute(Number(job.data.taskId)), {
      connection: this.connection(),
      prefix: this.config.installer.queuePrefix,
      concurrency: this.config.installer.taskConcurrency,
    });
    this.worker.on('error', (e: Error) => this.logger.error(`installer worker: ${e.message}`));
    // Rows whose job Redis lost (or never got, if the process died right after the commit).
    for (const id of await this.tasks.pending(true)) await this.enqueue(id);
  }

  async enqueue(taskId: number): Promise<void> {
    await this.queue.add('task', { taskId }, { jobId: `task-${taskId}`, removeOnComplete: true, removeOnFail: 1000, attempts: 1 });
  }

  /** Waits until no job of this process is active (the CLI waits for its own background jobs). */
  async drain(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('active', 'waiting', 'delayed');
      if ((counts['active'] ?? 0) + (counts['waiting'] ?? 0) + (counts['delayed'] ?? 0) === 0 || !this.worker) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
