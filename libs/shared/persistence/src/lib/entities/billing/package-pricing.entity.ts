import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

export const PRICING_PERIODS = ['day', 'week', 'month', 'year', 'onetime'] as const;

/** One price of a package: a term and period in one currency (Blesta's pricings joined to package_pricing). */
@Entity('package_pricing')
export class PackagePricingEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  packageId: number;

  @Column({ type: 'integer', default: 1 })
  term: number;

  @Column({ type: 'varchar', length: 8, default: 'month' })
  period: string;

  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  price: bigint;

  @Column({ type: 'bigint', default: 0, transformer: SCALED_AMOUNT })
  setupFee: bigint;

  @Column({ type: 'bigint', default: 0, transformer: SCALED_AMOUNT })
  cancelFee: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency: string;
}
