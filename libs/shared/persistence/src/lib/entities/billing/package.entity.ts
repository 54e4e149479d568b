import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const PACKAGE_STATUSES = ['active', 'inactive', 'restricted'] as const;
/** "hosting" packages provision a shared-domain hosting account; "none" ones are plain products. */
export const PACKAGE_MODULES = ['none', 'hosting'] as const;
export type PackageModule = (typeof PACKAGE_MODULES)[number];

@Entity('packages')
export class PackageEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, default: '{num}' })
  idFormat: string;

  @Column({ type: 'integer' })
  idValue: number;

  @Column({ type: 'integer' })
  companyId: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;

  /** Stock; null is unlimited. */
  @Column({ type: 'integer', nullable: true })
  qty: number | null;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  module: PackageModule;

  /** For hosting packages: the hosting package (panel "user package") accounts are created on. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  hostingPackage: string | null;

  @Column({ type: 'boolean', default: false })
  taxable: boolean;
}
