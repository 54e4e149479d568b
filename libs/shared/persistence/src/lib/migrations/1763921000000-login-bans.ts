import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { col } from './schema-helpers';

/** Failed-login counters and IP bans (the embedded store; Redis replaces it when configured). */
export class LoginBans1763921000000 implements MigrationInterface {
  name = 'LoginBans1763921000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'login_bans',
        columns: [
          { ...col.varchar('scope', 32), isPrimary: true },
          { ...col.varchar('ip', 64), isPrimary: true },
          { name: 'failures', type: 'integer', default: 0 },
          col.timestamp(qr, 'window_started_at', { nullable: true }),
          col.timestamp(qr, 'banned_until', { nullable: true }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('login_bans');
  }
}
