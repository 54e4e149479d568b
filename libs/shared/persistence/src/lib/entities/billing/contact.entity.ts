import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CONTACT_TYPES = ['primary', 'billing', 'other'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  clientId: number;

  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 16, default: 'primary' })
  contactType: ContactType;

  @Column({ type: 'integer', nullable: true })
  contactTypeId: number | null;

  @Column({ type: 'varchar', length: 64 })
  firstName: string;

  @Column({ type: 'varchar', length: 64 })
  lastName: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  company: string | null;

  @Column({ type: 'varchar', length: 255 })
  email: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address1: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address2: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  state: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  zip: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  country: string | null;

  @CreateDateColumn()
  dateAdded: Date;
}
