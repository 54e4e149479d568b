import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Links a support ticket to a project (and optionally one of its actions); one link per ticket and project. */
@Entity('project_ticket_xrefs')
@Index(['ticketId', 'projectId'], { unique: true })
export class ProjectTicketXrefEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  ticketId: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer', nullable: true })
  actionId: number | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  @CreateDateColumn()
  dateCreated: Date;
}
