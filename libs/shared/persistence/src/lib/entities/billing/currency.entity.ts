import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A currency a company bills in (Blesta's currencies table, keyed by code and company). */
@Entity('currencies')
export class CurrencyEntity {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code: string;

  @PrimaryColumn({ type: 'integer' })
  companyId: number;

  @Column({ type: 'varchar', length: 64, default: '#,###.##' })
  format: string;

  @Column({ type: 'integer', default: 2 })
  precision: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  prefix: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  suffix: string | null;

  /** Kept as text: a rate is shown exactly as configured, never recomputed through a float. */
  @Column({ type: 'varchar', length: 32, default: '1.0000000000' })
  exchangeRate: string;

  @Column({ type: Date, nullable: true })
  exchangeUpdated: Date | null;
}
