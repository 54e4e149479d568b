import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A project of the project dialect (wbTeamPro); it belongs to a billing client. */
@Entity('projects')
export class ProjectEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  clientId: number;

  /** A billing service of the client the project is about, when there is one. */
  @Column({ type: 'integer', nullable: true })
  clientHostingId: number | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  type: string;

  @Column({ type: 'varchar', length: 32, default: 'active' })
  status: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'integer', nullable: true })
  ownerAdminId: number | null;

  @Column({ type: 'integer', nullable: true })
  managerAdminId: number | null;

  @Column({ type: 'integer', nullable: true })
  invoiceId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'hidden' })
  clientVisibility: string;

  @Column({ type: Date, nullable: true })
  dateStart: Date | null;

  @Column({ type: Date, nullable: true })
  dateFinish: Date | null;

  @Column({ type: Date, nullable: true })
  dateActivity: Date | null;

  @CreateDateColumn()
  dateCreated: Date;

  @UpdateDateColumn()
  dateModified: Date;
}
