import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableIndex, TableForeignKey } from 'typeorm';
import { col } from './schema-helpers';

/** Amounts as integers of 1/10000: exact sums on both databases, never a float. */
const amount = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false, default: '0' });

const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

/** Billing core: client groups, clients, contacts, currencies, company settings, invoices and their counters. */
export class BillingCore1763910000000 implements MigrationInterface {
  name = 'BillingCore1763910000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'company_settings',
        columns: [{ ...col.int('company_id'), isPrimary: true }, { ...col.varchar('key', 128), isPrimary: true }, col.text('value')],
        foreignKeys: [fk('company_id', 'companies', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'currencies',
        columns: [
          { ...col.varchar('code', 3), isPrimary: true },
          { ...col.int('company_id'), isPrimary: true },
          col.varchar('format', 64, { default: '#,###.##' }),
          { ...col.int('precision'), default: '2' },
          col.varchar('prefix', 10, { nullable: true }),
          col.varchar('suffix', 10, { nullable: true }),
          col.varchar('exchange_rate', 32, { default: '1.0000000000' }),
          col.timestamp(qr, 'exchange_updated', { nullable: true }),
        ],
        foreignKeys: [fk('company_id', 'companies', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'client_groups',
        columns: [col.id(), col.int('company_id'), col.varchar('name', 64), col.text('description', ''), col.varchar('color', 16, { default: '#ffffff' })],
        foreignKeys: [fk('company_id', 'companies', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'clients',
        columns: [
          col.id(),
          col.varchar('id_format', 64, { default: '{num}' }),
          col.int('id_value'),
          col.int('user_id'),
          col.int('client_group_id'),
          col.int('company_id'),
          col.int('primary_account_id', true),
          col.varchar('primary_account_type', 8, { nullable: true }),
          col.varchar('status', 16, { default: 'active' }),
          col.int('inv_address_to', true),
          col.timestamp(qr, 'date_added', { now: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_clients_company_id_value', columnNames: ['company_id', 'id_format', 'id_value'], isUnique: true }),
          new TableIndex({ name: 'uq_clients_user', columnNames: ['user_id'], isUnique: true }),
        ],
        foreignKeys: [fk('user_id', 'users'), fk('client_group_id', 'client_groups'), fk('company_id', 'companies')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'client_settings',
        columns: [{ ...col.int('client_id'), isPrimary: true }, { ...col.varchar('key', 128), isPrimary: true }, col.text('value')],
        foreignKeys: [fk('client_id', 'clients', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contacts',
        columns: [
          col.id(),
          col.int('client_id'),
          col.int('user_id', true),
          col.varchar('contact_type', 16, { default: 'primary' }),
          col.int('contact_type_id', true),
          col.varchar('first_name', 64),
          col.varchar('last_name', 64),
          col.varchar('title', 64, { nullable: true }),
          col.varchar('company', 128, { nullable: true }),
          col.varchar('email', 255),
          col.varchar('address1', 255, { nullable: true }),
          col.varchar('address2', 255, { nullable: true }),
          col.varchar('city', 255, { nullable: true }),
          col.varchar('state', 255, { nullable: true }),
          col.varchar('zip', 32, { nullable: true }),
          col.varchar('country', 3, { nullable: true }),
          col.timestamp(qr, 'date_added', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_contacts_client', columnNames: ['client_id', 'contact_type'] })],
        foreignKeys: [fk('client_id', 'clients', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'invoices',
        columns: [
          col.id(),
          col.varchar('id_format', 64, { default: '{num}' }),
          col.int('id_value'),
          col.int('client_id'),
          col.int('company_id'),
          col.timestamp(qr, 'date_billed'),
          col.timestamp(qr, 'date_due'),
          col.timestamp(qr, 'date_closed', { nullable: true }),
          col.timestamp(qr, 'date_autodebit', { nullable: true }),
          col.varchar('status', 16, { default: 'active' }),
          col.varchar('currency', 3),
          { ...col.text('note_public'), isNullable: true },
          { ...col.text('note_private'), isNullable: true },
          amount('subtotal'),
          amount('total'),
          amount('paid'),
          col.timestamp(qr, 'date_added', { now: true }),
        ],
        indices: [
          // The backstop behind billing_sequences: two invoices can never share an id_code.
          new TableIndex({ name: 'uq_invoices_company_id_value', columnNames: ['company_id', 'id_format', 'id_value'], isUnique: true }),
          new TableIndex({ name: 'idx_invoices_client', columnNames: ['client_id', 'status'] }),
        ],
        foreignKeys: [fk('client_id', 'clients'), fk('company_id', 'companies')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'invoice_lines',
        columns: [
          col.id(),
          col.int('invoice_id'),
          col.int('service_id', true),
          col.text('description'),
          amount('qty'),
          amount('amount'),
          col.bool('tax', false),
          { ...col.int('line_order'), default: '0' },
        ],
        indices: [new TableIndex({ name: 'idx_invoice_lines_invoice', columnNames: ['invoice_id'] })],
        foreignKeys: [fk('invoice_id', 'invoices', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'invoice_delivery',
        columns: [col.id(), col.int('invoice_id'), col.varchar('method', 32), col.timestamp(qr, 'date_sent', { nullable: true })],
        indices: [new TableIndex({ name: 'idx_invoice_delivery_invoice', columnNames: ['invoice_id'] })],
        foreignKeys: [fk('invoice_id', 'invoices', 'CASCADE')],
      }),
    );
    // Per-company counters for id_value (clients, invoices): an UPDATE ... RETURNING on one row is
    // atomic on both databases, so concurrent adds never draw the same number.
    await qr.createTable(
      new Table({
        name: 'billing_sequences',
        columns: [{ ...col.int('company_id'), isPrimary: true }, { ...col.varchar('name', 32), isPrimary: true }, { ...col.int('value'), default: '0' }],
        foreignKeys: [fk('company_id', 'companies', 'CASCADE')],
      }),
    );
    // What every Blesta install ships with: client group 1, USD, and the company settings the API reads.
    await qr.query(`INSERT INTO client_groups (company_id, name, description) SELECT id, 'General', 'Default group' FROM companies ORDER BY id`);
    await qr.query(`INSERT INTO currencies (code, company_id, format, precision, prefix, suffix) SELECT 'USD', id, '#,###.##', 2, '$', '' FROM companies`);
    const defaults: ReadonlyArray<readonly [string, string]> = [
      ['language', 'en_us'],
      ['default_currency', 'USD'],
      ['client_prioritize', 'false'],
      ['inv_format', '{num}'],
      ['inv_start', '1'],
      ['inv_increment', '1'],
      ['client_format', '{num}'],
      ['client_start', '1500'],
      ['client_increment', '1'],
    ];
    for (const [key, value] of defaults) {
      await qr.query(`INSERT INTO company_settings (company_id, key, value) SELECT id, '${key}', '${value}' FROM companies`);
    }
    await qr.query(`INSERT INTO company_settings (company_id, key, value) SELECT id, 'timezone', timezone FROM companies`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['billing_sequences', 'invoice_delivery', 'invoice_lines', 'invoices', 'contacts', 'client_settings', 'clients', 'client_groups', 'currencies', 'company_settings']) {
      await qr.dropTable(t);
    }
  }
}
