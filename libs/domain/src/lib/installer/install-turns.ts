import { Injectable } from '@nestjs/common';
import { InstallLeases } from './install-leases';

/**
 * One install's file operations (writing, updating, backing up, restoring, removing), one at a
 * time in the order they arrive; operations on different installs run side by side. A backup that
 * copied files an uninstall was removing would be an empty archive, and two updates writing at
 * once would leave the version of whichever recorded last. Each operation reads the install again
 * once its turn comes, so it acts on what the one before left.
 *
 * The turns are kept in this process, in arrival order; other processes working on the same
 * installs (the installer CLI beside a running gateway, installer replicas sharing the database and
 * the data directory) are kept out by the install's lease (`InstallLeases`), which each operation
 * holds once its turn here has come.
 */
@Injectable()
export class InstallTurns {
  private readonly queues = new Map<string, { tail: Promise<void>; count: number }>();

  constructor(private readonly leases: InstallLeases) {}

  /** Runs `work` once every operation on `installId` that arrived before it has ended. */
  run<T>(installId: string, work: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(installId) ?? { tail: Promise.resolve(), count: 0 };
    this.queues.set(installId, queue);
    const result = queue.tail.then(() => this.leases.hold(installId, work));
    const ended = result.then(noop, noop);
    queue.tail = ended;
    queue.count += 1;
    void ended.then(() => {
      queue.count -= 1;
      if (queue.count === 0 && this.queues.get(installId) === queue) this.queues.delete(installId);
    });
    return result;
  }

  /** How many operations on the install are running or waiting their turn in this process. */
  pending(installId: string): number {
    return this.queues.get(installId)?.count ?? 0;
  }
}

function noop(): void {
  // a failed operation still ends its turn
}
