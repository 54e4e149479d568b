import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import { col } from './schema-helpers';

/** DNS zones and records, mail domains and mailboxes, databases, and the panel's temp files. */
export class HostingServices1763920000000 implements MigrationInterface {
  name = 'HostingServices1763920000000';

  async up(qr: QueryRunner): Promise<void> {
    const owner = (table: string, column: string, parent: string): TableForeignKey =>
      new TableForeignKey({ name: `fk_${table}_${column}`, columnNames: [column], referencedTableName: parent, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await qr.createTable(
      new Table({
        name: 'dns_domains',
        columns: [
          col.id(),
          col.int('account_id'),
          col.varchar('domain', 253, { unique: true }),
          col.varchar('ip', 45, { default: '' }),
          col.varchar('template', 64, { default: 'default' }),
          { name: 'ttl', type: 'integer', default: 14400 },
          col.varchar('ns', 255, { default: '' }),
          col.bool('dnssec', false),
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_dns_domains_account', columnNames: ['account_id'] })],
        foreignKeys: [owner('dns_domains', 'account_id', 'accounts')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'dns_records',
        columns: [
          col.id(),
          col.int('dns_domain_id'),
          col.int('record_id'),
          col.varchar('record', 255),
          col.varchar('type', 16),
          col.text('value'),
          col.varchar('priority', 8, { default: '' }),
          { name: 'ttl', type: 'integer', default: 14400 },
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        uniques: [new TableUnique({ name: 'uq_dns_records_domain_record', columnNames: ['dns_domain_id', 'record_id'] })],
        foreignKeys: [owner('dns_records', 'dns_domain_id', 'dns_domains')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'mail_domains',
        columns: [
          col.id(),
          col.int('account_id'),
          col.varchar('domain', 253, { unique: true }),
          col.bool('antispam', true),
          col.bool('antivirus', true),
          col.bool('dkim', true),
          col.bool('reject_spam', false),
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_mail_domains_account', columnNames: ['account_id'] })],
        foreignKeys: [owner('mail_domains', 'account_id', 'accounts')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'mail_accounts',
        columns: [
          col.id(),
          col.int('mail_domain_id'),
          col.varchar('account', 64),
          col.varchar('password_hash', 255),
          col.varchar('quota', 16, { default: 'unlimited' }),
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        uniques: [new TableUnique({ name: 'uq_mail_accounts_domain_account', columnNames: ['mail_domain_id', 'account'] })],
        foreignKeys: [owner('mail_accounts', 'mail_domain_id', 'mail_domains')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'hosted_databases',
        columns: [
          col.id(),
          col.int('account_id'),
          col.varchar('name', 64, { unique: true }),
          col.varchar('db_user', 64),
          col.varchar('password_hash', 255),
          col.varchar('type', 16, { default: 'mysql' }),
          col.varchar('host', 255, { default: 'localhost' }),
          col.varchar('charset', 32, { default: 'UTF8MB4' }),
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_hosted_databases_account', columnNames: ['account_id'] })],
        foreignKeys: [owner('hosted_databases', 'account_id', 'accounts')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'panel_temp_files',
        columns: [{ ...col.varchar('name', 255), isPrimary: true }, col.text('content'), col.timestamp(qr, 'created_at', { now: true })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['panel_temp_files', 'hosted_databases', 'mail_accounts', 'mail_domains', 'dns_records', 'dns_domains']) await qr.dropTable(t);
  }
}
