import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

/**
 * web_domain_names: each web domain's domain and aliases, one row per name, unique across all
 * accounts. Filled from the existing web domains; where two already share a name (claims that
 * raced before this table existed), the older web domain keeps it.
 */
export class WebDomainNames1764000000000 implements MigrationInterface {
  name = 'WebDomainNames1764000000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'web_domain_names',
        columns: [{ ...col.varchar('name', 253), isPrimary: true }, col.int('web_domain_id'), col.varchar('kind', 8)],
        indices: [new TableIndex({ name: 'idx_web_domain_names_web_domain', columnNames: ['web_domain_id'] })],
        foreignKeys: [new TableForeignKey({ name: 'fk_web_domain_names_web_domain_id', columnNames: ['web_domain_id'], referencedTableName: 'web_domains', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    const rows = (await qr.query('SELECT id, domain, aliases FROM web_domains ORDER BY id')) as Array<{ id: number; domain: string; aliases: string }>;
    const p = (i: number) => (qr.connection.options.type === 'postgres' ? `$${i}` : '?');
    const insert = `INSERT INTO web_domain_names (name, web_domain_id, kind) VALUES (${p(1)}, ${p(2)}, ${p(3)}) ON CONFLICT (name) DO NOTHING`;
    for (const row of rows) {
      await qr.query(insert, [row.domain, row.id, 'domain']);
      for (const alias of new Set(row.aliases.split(',').filter((a) => a !== '' && a !== row.domain))) await qr.query(insert, [alias, row.id, 'alias']);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('web_domain_names');
  }
}
