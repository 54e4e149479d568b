import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A discussion message; a topic with no parent opens a thread, replies point at its first message. */
@Entity('project_topics')
@Index(['projectId'])
export class ProjectTopicEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer', nullable: true })
  actionId: number | null;

  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Column({ type: 'varchar', length: 16, default: 'inherit' })
  clientVisibility: string;

  @Column({ type: 'integer', nullable: true })
  ownerAdminId: number | null;

  @CreateDateColumn()
  dateCreated: Date;

  @UpdateDateColumn()
  dateModified: Date;
}
