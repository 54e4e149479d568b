import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

export const SERVICE_STATUSES = ['active', 'canceled', 'pending', 'suspended', 'in_review'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** A client's subscription to a package pricing; a hosting one names its hosting account. */
@Entity('services')
export class ServiceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, default: '{num}' })
  idFormat: string;

  @Column({ type: 'integer' })
  idValue: number;

  @Column({ type: 'integer' })
  clientId: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer' })
  pricingId: number;

  @Column({ type: 'integer' })
  packageId: number;

  @Column({ type: 'integer', default: 1 })
  qty: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ServiceStatus;

  @Column({ type: 'bigint', nullable: true, transformer: SCALED_AMOUNT })
  overridePrice: bigint | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  overrideCurrency: string | null;

  @Column({ type: 'text', nullable: true })
  suspensionReason: string | null;

  /** The hosting account (accounts.username) of a hosting service. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  moduleUsername: string | null;

  @Column({ type: 'varchar', length: 253, nullable: true })
  moduleDomain: string | null;

  @Column({ type: Date })
  dateAdded: Date;

  @Column({ type: Date, nullable: true })
  dateRenews: Date | null;

  @Column({ type: Date, nullable: true })
  dateSuspended: Date | null;

  @Column({ type: Date, nullable: true })
  dateCanceled: Date | null;
}
