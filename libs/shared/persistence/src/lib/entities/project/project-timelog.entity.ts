import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Time spent on a project or one of its actions: finish = start + duration (seconds) once complete. */
@Entity('project_timelogs')
@Index(['projectId'])
export class ProjectTimelogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer', nullable: true })
  actionId: number | null;

  @Column({ type: 'integer', nullable: true })
  ticketId: number | null;

  @Column({ type: 'integer', nullable: true })
  assignedAdminId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'complete' })
  status: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: Date })
  dateStart: Date;

  @Column({ type: Date, nullable: true })
  dateFinish: Date | null;

  @Column({ type: 'integer', default: 0 })
  duration: number;

  @Column({ type: 'boolean', default: true })
  billable: boolean;

  @CreateDateColumn()
  dateCreated: Date;

  @UpdateDateColumn()
  dateModified: Date;
}
