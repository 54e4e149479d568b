import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

/** Tax rules per company and the taxes applied to each invoice line; rates and amounts in 1/10000. */
export class BillingTaxes1763911000000 implements MigrationInterface {
  name = 'BillingTaxes1763911000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'taxes',
        columns: [
          col.id(),
          col.int('company_id'),
          { ...col.int('level'), default: 1 },
          col.varchar('name', 64),
          { name: 'amount', type: 'bigint', isNullable: false },
          col.varchar('type', 16, { default: 'exclusive' }),
          col.varchar('country', 3, { nullable: true }),
          col.varchar('state', 64, { nullable: true }),
          col.varchar('status', 16, { default: 'active' }),
        ],
        indices: [new TableIndex({ name: 'idx_taxes_company', columnNames: ['company_id', 'status', 'level'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['company_id'], referencedTableName: 'companies', referencedColumnNames: ['id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'invoice_line_taxes',
        columns: [
          { ...col.int('line_id'), isPrimary: true },
          { ...col.int('tax_id'), isPrimary: true },
          col.int('invoice_id'),
          col.bool('cascaded', false),
          { name: 'tax_amount', type: 'bigint', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'idx_invoice_line_taxes_invoice', columnNames: ['invoice_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['line_id'], referencedTableName: 'invoice_lines', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['tax_id'], referencedTableName: 'taxes', referencedColumnNames: ['id'] }),
          new TableForeignKey({ columnNames: ['invoice_id'], referencedTableName: 'invoices', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('invoice_line_taxes');
    await qr.dropTable('taxes');
  }
}
