import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

/** Payments and their application to invoices; amounts in 1/10000 like invoices. */
export class BillingTransactions1763910100000 implements MigrationInterface {
  name = 'BillingTransactions1763910100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'transactions',
        columns: [
          col.id(),
          col.int('client_id'),
          col.int('company_id'),
          { name: 'amount', type: 'bigint', isNullable: false },
          col.varchar('currency', 3),
          col.varchar('type', 8, { default: 'other' }),
          col.int('transaction_type_id', true),
          col.int('account_id', true),
          col.int('gateway_id', true),
          col.varchar('transaction_id', 128, { nullable: true }),
          col.varchar('reference_id', 128, { nullable: true }),
          { ...col.text('message'), isNullable: true },
          col.varchar('status', 16, { default: 'approved' }),
          col.timestamp(qr, 'date_added', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_transactions_client', columnNames: ['client_id', 'status'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['client_id'], referencedTableName: 'clients', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['company_id'], referencedTableName: 'companies', referencedColumnNames: ['id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'transaction_applied',
        columns: [{ ...col.int('transaction_id'), isPrimary: true }, { ...col.int('invoice_id'), isPrimary: true }, { name: 'amount', type: 'bigint', isNullable: false }, col.timestamp(qr, 'date')],
        indices: [new TableIndex({ name: 'idx_transaction_applied_invoice', columnNames: ['invoice_id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['transaction_id'], referencedTableName: 'transactions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['invoice_id'], referencedTableName: 'invoices', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('transaction_applied');
    await qr.dropTable('transactions');
  }
}
