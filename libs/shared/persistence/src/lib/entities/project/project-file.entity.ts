import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A stored file; the bytes live in the file storage under storageKey, never under the client's name. */
@Entity('project_files')
@Index(['projectId'])
export class ProjectFileEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  projectId: number;

  @Column({ type: 'integer', nullable: true })
  actionId: number | null;

  /** A new version of a file points at the thread's first file. */
  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @Column({ type: 'varchar', length: 255 })
  label: string;

  /** Sanitised: no directories, no control characters. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 128, default: 'application/octet-stream' })
  mimeType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 128 })
  storageKey: string;

  @Column({ type: 'text', default: '' })
  description: string;

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
