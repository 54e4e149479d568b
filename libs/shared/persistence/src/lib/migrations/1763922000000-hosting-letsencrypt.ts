import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { col } from './schema-helpers';

/** SSL and Let's Encrypt state of web and mail domains (v-add-letsencrypt-domain). */
export class HostingLetsencrypt1763922000000 implements MigrationInterface {
  name = 'HostingLetsencrypt1763922000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumns('web_domains', [
      new TableColumn(col.bool('ssl', false)),
      new TableColumn(col.bool('letsencrypt', false)),
      new TableColumn(col.text('letsencrypt_aliases', '')),
      new TableColumn(col.timestamp(qr, 'letsencrypt_requested_at', { nullable: true })),
    ]);
    await qr.addColumns('mail_domains', [
      new TableColumn(col.bool('ssl', false)),
      new TableColumn(col.bool('letsencrypt', false)),
      new TableColumn(col.timestamp(qr, 'letsencrypt_requested_at', { nullable: true })),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumns('mail_domains', ['ssl', 'letsencrypt', 'letsencrypt_requested_at']);
    await qr.dropColumns('web_domains', ['ssl', 'letsencrypt', 'letsencrypt_aliases', 'letsencrypt_requested_at']);
  }
}
