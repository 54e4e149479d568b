import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ACTION_CLASSES = ['milestone', 'group', 'task'] as const;
export const ACTION_RECURRENCES = ['none', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** A project action: a milestone, a group or a task; parentId nests it under a milestone or group. */
@Entity('project_actions')
@Index(['projectId'])
export class ProjectActionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'task' })
  levelClass: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  type: string;

  @Column({ type: 'varchar', length: 32, default: 'pending' })
  status: string;

  /** 1 Low, 2 Medium, 3 High. */
  @Column({ type: 'integer', default: 2 })
  priority: number;

  /** Planned effort in minutes. */
  @Column({ type: 'integer', default: 0 })
  duration: number;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'integer', nullable: true })
  assignedAdminId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  recurrence: string;

  @Column({ type: 'varchar', length: 16, default: 'inherit' })
  clientVisibility: string;

  @Column({ type: Date, nullable: true })
  dateStart: Date | null;

  @Column({ type: Date, nullable: true })
  dateFinish: Date | null;

  @CreateDateColumn()
  dateCreated: Date;

  @UpdateDateColumn()
  dateModified: Date;
}
