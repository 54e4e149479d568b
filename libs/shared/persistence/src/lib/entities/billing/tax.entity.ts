import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SCALED_AMOUNT } from './money.transformer';

export const TAX_TYPES = ['exclusive', 'inclusive'] as const;
export type TaxType = (typeof TAX_TYPES)[number];

/**
 * A company's tax rule (Blesta `taxes`): level 1 or 2, a percentage, exclusive (added on top) or
 * inclusive (already in the price), optionally limited to a country and state.
 */
@Entity('taxes')
export class TaxEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'integer', default: 1 })
  level: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The rate in percent, scaled by 10^4 like amounts ("7.5000"). */
  @Column({ type: 'bigint', transformer: SCALED_AMOUNT })
  amount: bigint;

  @Column({ type: 'varchar', length: 16, default: 'exclusive' })
  type: TaxType;

  @Column({ type: 'varchar', length: 3, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  state: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'inactive';
}
