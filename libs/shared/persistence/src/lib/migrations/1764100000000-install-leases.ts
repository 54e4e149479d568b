import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './schema-helpers';

/**
 * install_leases: which process is working on an install's files, until when. A row exists only
 * while an operation runs (or until its expiry, if its process died): processes that share the
 * database and the data directory (the installer CLI beside a running gateway, installer replicas)
 * take turns through it.
 */
export class InstallLeases1764100000000 implements MigrationInterface {
  name = 'InstallLeases1764100000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'install_leases',
        // expires_at: milliseconds since the epoch, by the holder's clock.
        columns: [{ ...col.varchar('install_id', 64), isPrimary: true }, col.varchar('holder', 96), { name: 'expires_at', type: 'bigint', isNullable: false }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('install_leases');
  }
}
