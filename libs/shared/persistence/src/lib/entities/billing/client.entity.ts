import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A billing client: one login (users row), one client group, one company, a primary contact. */
@Entity('clients')
export class ClientEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** id_code = id_format with {num} replaced by id_value. */
  @Column({ type: 'varchar', length: 64, default: '{num}' })
  idFormat: string;

  @Column({ type: 'integer' })
  idValue: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  clientGroupId: number;

  /** Denormalised from the client group so every company-scoped query is one indexed filter. */
  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer', nullable: true })
  primaryAccountId: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  primaryAccountType: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;

  @Column({ type: 'integer', nullable: true })
  invAddressTo: number | null;

  @CreateDateColumn()
  dateAdded: Date;
}
