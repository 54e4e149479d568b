import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

/** The installer dialect's installs, background tasks, backups and single-use login links. */
export class Installer1763940000000 implements MigrationInterface {
  name = 'Installer1763940000000';

  async up(qr: QueryRunner): Promise<void> {
    const fk = (table: string, column: string, parent: string, onDelete: 'CASCADE' | 'SET NULL'): TableForeignKey =>
      new TableForeignKey({ name: `fk_${table}_${column}`, columnNames: [column], referencedTableName: parent, referencedColumnNames: ['id'], onDelete });
    await qr.createTable(
      new Table({
        name: 'installer_installs',
        columns: [
          { ...col.varchar('id', 64), isPrimary: true },
          col.int('account_id'),
          col.varchar('application', 64),
          col.varchar('version', 32),
          col.varchar('language', 16, { default: 'en' }),
          col.varchar('url', 1024),
          // Two installs racing for one location: the index lets exactly one commit.
          col.varchar('url_key', 1024, { unique: true }),
          col.varchar('domain', 253),
          col.varchar('path', 512, { default: '' }),
          col.varchar('title', 255, { default: '' }),
          col.varchar('login', 64, { default: '' }),
          col.varchar('email', 255, { default: '' }),
          col.int('database_id', true),
          col.varchar('db_name', 64, { default: '' }),
          col.varchar('db_user', 64, { default: '' }),
          col.varchar('db_type', 16, { default: '' }),
          col.varchar('db_host', 255, { default: '' }),
          col.varchar('db_prefix', 32, { default: '' }),
          col.varchar('autoup', 16, { default: 'minor' }),
          col.varchar('status', 16, { default: 'installing' }),
          col.timestamp(qr, 'created_at', { now: true }),
          col.timestamp(qr, 'updated_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_installer_installs_account', columnNames: ['account_id'] })],
        foreignKeys: [fk('installer_installs', 'account_id', 'accounts', 'CASCADE'), fk('installer_installs', 'database_id', 'hosted_databases', 'SET NULL')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'installer_tasks',
        columns: [
          col.id(),
          col.varchar('cmd', 64),
          col.varchar('username', 32, { nullable: true }),
          col.varchar('install_id', 64, { nullable: true }),
          col.varchar('status', 16, { default: 'queued' }),
          { name: 'progress', type: 'integer', default: 0 },
          col.text('params', '{}'),
          { name: 'result', type: 'text', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          col.text('message', ''),
          { name: 'attempts', type: 'integer', default: 0 },
          col.timestamp(qr, 'created_at', { now: true }),
          col.timestamp(qr, 'started_at', { nullable: true }),
          col.timestamp(qr, 'finished_at', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'idx_installer_tasks_status', columnNames: ['status'] }), new TableIndex({ name: 'idx_installer_tasks_username', columnNames: ['username'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'installer_backups',
        columns: [
          { ...col.varchar('id', 64), isPrimary: true },
          col.int('account_id'),
          col.varchar('install_id', 64),
          col.varchar('application', 64),
          col.varchar('version', 32),
          col.varchar('url', 1024),
          col.varchar('title', 255, { default: '' }),
          col.varchar('archive', 512),
          { name: 'size', type: 'integer', default: 0 },
          col.timestamp(qr, 'created_at', { now: true }),
        ],
        indices: [new TableIndex({ name: 'idx_installer_backups_account', columnNames: ['account_id'] })],
        foreignKeys: [fk('installer_backups', 'account_id', 'accounts', 'CASCADE')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'installer_logins',
        columns: [
          { ...col.varchar('token_hash', 64), isPrimary: true },
          col.varchar('kind', 16),
          col.varchar('subject', 64),
          col.timestamp(qr, 'expires_at'),
          col.timestamp(qr, 'used_at', { nullable: true }),
          col.timestamp(qr, 'created_at', { now: true }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['installer_logins', 'installer_backups', 'installer_tasks', 'installer_installs']) await qr.dropTable(t);
  }
}
