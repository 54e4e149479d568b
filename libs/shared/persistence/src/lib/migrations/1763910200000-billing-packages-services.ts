import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

const amount = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable, ...(nullable ? {} : { default: '0' }) });
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/** Packages with their pricing, and clients' services on them. */
export class BillingPackagesServices1763910200000 implements MigrationInterface {
  name = 'BillingPackagesServices1763910200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'packages',
        columns: [
          col.id(),
          col.varchar('id_format', 64, { default: '{num}' }),
          col.int('id_value'),
          col.int('company_id'),
          col.varchar('name', 255),
          { ...col.text('description'), isNullable: true },
          col.varchar('status', 16, { default: 'active' }),
          col.int('qty', true),
          col.varchar('module', 16, { default: 'none' }),
          col.varchar('hosting_package', 64, { nullable: true }),
          col.bool('taxable', false),
        ],
        indices: [new TableIndex({ name: 'uq_packages_company_id_value', columnNames: ['company_id', 'id_format', 'id_value'], isUnique: true })],
        foreignKeys: [fk('company_id', 'companies')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'package_pricing',
        columns: [col.id(), col.int('package_id'), { ...col.int('term'), default: '1' }, col.varchar('period', 8, { default: 'month' }), amount('price'), amount('setup_fee'), amount('cancel_fee'), col.varchar('currency', 3)],
        indices: [new TableIndex({ name: 'idx_package_pricing_package', columnNames: ['package_id'] })],
        foreignKeys: [fk('package_id', 'packages', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'services',
        columns: [
          col.id(),
          col.varchar('id_format', 64, { default: '{num}' }),
          col.int('id_value'),
          col.int('client_id'),
          col.int('company_id'),
          col.int('pricing_id'),
          col.int('package_id'),
          { ...col.int('qty'), default: '1' },
          col.varchar('status', 16, { default: 'pending' }),
          amount('override_price', true),
          col.varchar('override_currency', 3, { nullable: true }),
          { ...col.text('suspension_reason'), isNullable: true },
          col.varchar('module_username', 32, { nullable: true }),
          col.varchar('module_domain', 253, { nullable: true }),
          col.timestamp(qr, 'date_added', { now: true }),
          col.timestamp(qr, 'date_renews', { nullable: true }),
          col.timestamp(qr, 'date_suspended', { nullable: true }),
          col.timestamp(qr, 'date_canceled', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_services_company_id_value', columnNames: ['company_id', 'id_format', 'id_value'], isUnique: true }),
          new TableIndex({ name: 'idx_services_client', columnNames: ['client_id', 'status'] }),
        ],
        foreignKeys: [fk('client_id', 'clients', 'CASCADE'), fk('pricing_id', 'package_pricing'), fk('package_id', 'packages'), fk('company_id', 'companies')],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['services', 'package_pricing', 'packages']) await qr.dropTable(t);
  }
}
