import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError } from '@hostgate/shared/errors';
import { compiledFindOne, InstallerTaskEntity } from '@hostgate/shared/persistence';
import { ProvisionError } from '../provisioner';

/** A job's code: reports progress, returns what the task's `result` shows. */
export type TaskHandler = (task: InstallerTaskEntity, progress: (percent: number) => Promise<void>) => Promise<unknown>;

/** What a failed task records, so any dialect can render it later in its own terms. */
export interface TaskFailure {
  readonly kind: 'domain' | 'provision' | 'interrupted' | 'internal';
  readonly code: string;
  readonly field?: string;
  readonly entity?: string;
  readonly reason?: string;
  readonly message: string;
}

/** A job cut off this many times (crashes mid-run) is given up and marked failed. */
export const MAX_TASK_ATTEMPTS = 3;

export abstract class InstallerJobQueue {
  /** Hands a persisted, queued task to whatever runs jobs. Idempotent per task id. */
  abstract enqueue(taskId: number): Promise<void>;
}

/**
 * The installer's background jobs as rows: created in the same transaction as the work they
 * finish, claimed by a runner, ended completed or failed. The queue only says "run task N now".
 */
@Injectable()
export class InstallerTasksService {
  private readonly logger = new Logger('InstallerTasks');
  private readonly handlers = new Map<string, TaskHandler>();

  private queue: InstallerJobQueue | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The runner announces itself (it needs this service to execute, so it cannot be injected here). */
  attachQueue(queue: InstallerJobQueue): void {
    this.queue = queue;
  }

  register(cmd: string, handler: TaskHandler): void {
    this.handlers.set(cmd, handler);
  }

  /** Records a queued task inside the caller's transaction; dispatch it once that has committed. */
  async createIn(tx: EntityManager, cmd: string, username: string | null, installId: string | null, params: object = {}): Promise<InstallerTaskEntity> {
    const repo = tx.getRepository(InstallerTaskEntity);
    return repo.save(repo.create({ cmd, username, installId, status: 'queued', progress: 0, params: JSON.stringify(params), message: 'queued', attempts: 0, startedAt: null, finishedAt: null, result: null, error: null }));
  }

  async dispatch(task: InstallerTaskEntity): Promise<void> {
    if (!this.queue) throw new Error('no installer job runner is attached');
    await this.queue.enqueue(task.id);
  }

  /** By the id as the client wrote it: decimal digits only ("1e1", "0x10" or " 1" name no task), echoed as given. */
  async get(id: string): Promise<InstallerTaskEntity> {
    const n = /^[0-9]{1,15}$/.test(id) ? Number(id) : NaN;
    const task = Number.isSafeInteger(n) ? await compiledFindOne(this.dataSource.getRepository(InstallerTaskEntity), { id: n }) : null;
    if (!task) throw DomainError.notFound('task', id, 'id');
    return task;
  }

  async list(options: { username?: string; offset: number; limit: number }): Promise<{ items: InstallerTaskEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(InstallerTaskEntity).findAndCount({
      where: options.username !== undefined ? { username: options.username } : {},
      order: { id: 'DESC' },
      skip: options.offset,
      take: options.limit,
    });
    return { items, total };
  }

  /** Tasks a runner should (re)start at boot: queued ones, and with `running` those a dead process left behind. */
  async pending(includeRunning: boolean): Promise<number[]> {
    const rows = await this.dataSource.getRepository(InstallerTaskEntity).find({ select: { id: true }, where: { status: In(includeRunning ? ['queued', 'running'] : ['queued']) }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /**
   * Single-process recovery: nothing can still be running a `running` task, so it was cut off by a
   * crash. Every job here is idempotent (it rewrites what it writes), so it goes back to the queue;
   * execute() gives up on it after MAX_TASK_ATTEMPTS.
   */
  async requeueInterrupted(): Promise<number> {
    const result = await this.dataSource.getRepository(InstallerTaskEntity).update({ status: 'running' }, { status: 'queued', message: 'interrupted by a restart; queued again' });
    return result.affected ?? 0;
  }

  /** Runs one task to its end; never throws (the outcome is in the row). */
  async execute(taskId: number): Promise<void> {
    const repo = this.dataSource.getRepository(InstallerTaskEntity);
    const claimed = await repo
      .createQueryBuilder()
      .update(InstallerTaskEntity)
      .set({ status: 'running', startedAt: new Date(), message: 'running', attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id: taskId, open: ['queued', 'running'] })
      .execute();
    if (!claimed.affected) return; // finished already, or unknown
    const task = await repo.findOneByOrFail({ id: taskId });
    const handler = this.handlers.get(task.cmd);
    let failure: TaskFailure | undefined;
    let result: unknown;
    if (task.attempts > MAX_TASK_ATTEMPTS) {
      failure = { kind: 'interrupted', code: 'failed_interrupted', message: `the task was interrupted ${task.attempts - 1} times` };
    } else if (!handler) {
      failure = { kind: 'internal', code: 'failed_internal', message: `no handler for ${task.cmd}` };
    } else {
      try {
        result = await handler(task, async (percent) => {
          await repo.update({ id: taskId }, { progress: Math.max(0, Math.min(100, Math.round(percent))) });
        });
      } catch (e) {
        failure = describeFailure(e);
        if (failure.kind === 'internal') this.logger.error(`installer task ${taskId} (${task.cmd}) failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
    const params = scrubSecrets(task.params);
    if (failure) {
      await this.onFailure(task, failure);
      await repo.update({ id: taskId }, { status: 'failed', params, error: JSON.stringify(failure), message: failure.message, finishedAt: new Date() });
    } else {
      await repo.update({ id: taskId }, { status: 'completed', params, progress: 100, result: JSON.stringify(result ?? null), message: 'The task is complete.', finishedAt: new Date() });
    }
  }

  private readonly failureHooks = new Map<string, (task: InstallerTaskEntity) => Promise<void>>();

  /** Clean-up for a command whose job failed for good (an install that never finished is taken back). */
  onFailed(cmd: string, hook: (task: InstallerTaskEntity) => Promise<void>): void {
    this.failureHooks.set(cmd, hook);
  }

  private async onFailure(task: InstallerTaskEntity, failure: TaskFailure): Promise<void> {
    const hook = this.failureHooks.get(task.cmd);
    if (!hook) return;
    try {
      await hook(task);
    } catch (e) {
      this.logger.error(`clean-up after installer task ${task.id} (${failure.code}) failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Secrets a job needed (a new database's password) do not stay at rest once it has ended. */
const SECRET_PARAMS = ['dbPassword'];

function scrubSecrets(params: string): string {
  try {
    const o = JSON.parse(params) as Record<string, unknown>;
    for (const k of SECRET_PARAMS) delete o[k];
    return JSON.stringify(o);
  } catch {
    return '{}';
  }
}

export function describeFailure(e: unknown): TaskFailure {
  if (e instanceof DomainError) return { kind: 'domain', code: e.code, field: e.details.field, entity: e.details.entity, reason: e.details.reason, message: e.message };
  if (e instanceof ProvisionError) return { kind: 'provision', code: e.errcode, message: e.message };
  return { kind: 'internal', code: 'failed_internal', message: 'An internal error occurred.' };
}
