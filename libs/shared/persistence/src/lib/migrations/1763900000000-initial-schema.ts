import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableForeignKey } from 'typeorm';
import { col } from './schema-helpers';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'settings',
        columns: [{ ...col.varchar('key', 64), isPrimary: true }, col.text('value'), col.timestamp(qr, 'updated_at', { now: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'credentials',
        columns: [
          col.id(),
          col.varchar('kind', 32),
          col.varchar('identifier', 128),
          col.varchar('secret_hash', 255),
          col.varchar('lookup_hash', 64, { nullable: true }),
          col.int('company_id', true),
          col.varchar('owner', 64, { nullable: true }),
          col.text('permissions', '[]'),
          col.varchar('comment', 255, { default: '' }),
          col.timestamp(qr, 'created_at', { now: true }),
          col.timestamp(qr, 'revoked_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'idx_credentials_kind_identifier', columnNames: ['kind', 'identifier'] }),
          new TableIndex({ name: 'idx_credentials_lookup_hash', columnNames: ['lookup_hash'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'companies',
        columns: [
          col.id(),
          col.varchar('key', 64),
          col.varchar('name', 128),
          col.varchar('hostname', 255, { default: '' }),
          col.varchar('timezone', 64, { default: 'UTC' }),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.varchar('username', 64, { unique: true }),
          col.varchar('password', 255),
          col.varchar('two_factor_mode', 16, { default: 'none' }),
          col.varchar('two_factor_key', 128, { nullable: true }),
          col.varchar('two_factor_pin', 16, { nullable: true }),
          col.timestamp(qr, 'date_added', { now: true }),
        ],
      }),
    );
    const limit = (name: string) => col.varchar(name, 16, { default: 'unlimited' });
    await qr.createTable(
      new Table({
        name: 'hosting_packages',
        columns: [
          col.id(),
          col.varchar('name', 64, { unique: true }),
          col.varchar('web_template', 64, { default: 'default' }),
          col.varchar('backend_template', 64, { default: 'default' }),
          col.varchar('proxy_template', 64, { default: 'default' }),
          col.varchar('dns_template', 64, { default: 'default' }),
          ...['web_domains', 'web_aliases', 'dns_domains', 'dns_records', 'mail_domains', 'mail_accounts', 'databases', 'cron_jobs', 'disk_quota', 'bandwidth'].map(limit),
          col.varchar('ns', 255, { default: 'ns1.example.com,ns2.example.com' }),
          col.varchar('shell', 32, { default: 'nologin' }),
          col.varchar('backups', 16, { default: '1' }),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'accounts',
        columns: [
          col.id(),
          col.varchar('username', 32, { unique: true }),
          col.varchar('password_hash', 255),
          col.varchar('email', 255),
          col.varchar('name', 255, { default: '' }),
          col.int('package_id'),
          col.varchar('role', 16, { default: 'user' }),
          col.varchar('shell', 32, { default: 'nologin' }),
          col.bool('suspended', false),
          col.varchar('language', 16, { default: 'en' }),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['package_id'], referencedTableName: 'hosting_packages', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'web_domains',
        columns: [
          col.id(),
          col.int('account_id'),
          col.varchar('domain', 253, { unique: true }),
          col.text('aliases', ''),
          col.varchar('ip', 45, { default: '' }),
          col.bool('suspended', false),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_web_domains_account', columnNames: ['account_id'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    // Every installation has one company and the panel's default package, as the products ship.
    await qr.query(`INSERT INTO companies (key, name, hostname, timezone) VALUES ('hostgate', 'Hostgate', 'localhost', 'UTC')`);
    await qr.query(`INSERT INTO hosting_packages (name) VALUES ('default')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['web_domains', 'accounts', 'hosting_packages', 'users', 'companies', 'credentials', 'settings']) {
      await qr.dropTable(t);
    }
  }
}
