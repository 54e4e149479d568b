import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InstallerTaskStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * A background job of the installer (install, update, backup, ...). Persisted so it survives a
 * restart: the row, not the queue, is the record of what was asked and how it ended.
 */
@Entity('installer_tasks')
export class InstallerTaskEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Installatron's command name, e.g. `browser/install`, `installs/backup`. */
  @Column({ type: 'varchar', length: 64 })
  cmd: string;

  /** The account the job works for (kept as a name so the history outlives the account). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  installId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: InstallerTaskStatus;

  /** 0-100. */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  /** JSON of the job's input. */
  @Column({ type: 'text', default: '{}' })
  params: string;

  /** JSON of what the job produced, once completed. */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  /** JSON {code, field, entity, reason} of the failure, once failed. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;
}
