import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-company settings (time zone, language, default currency, invoice numbering, ...). */
@Entity('company_settings')
export class CompanySettingEntity {
  @PrimaryColumn({ type: 'integer' })
  companyId: number;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
