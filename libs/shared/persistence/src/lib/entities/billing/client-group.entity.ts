import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Blesta client groups; a group belongs to one company, and so do its clients. */
@Entity('client_groups')
export class ClientGroupEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: '#ffffff' })
  color: string;
}
