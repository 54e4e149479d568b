import { type QueryRunner, type TableColumnOptions } from 'typeorm';

/** Column builders that give the same schema on SQLite and PostgreSQL. */
export const col = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  varchar: (name: string, length: number, opts: { nullable?: boolean; default?: string; unique?: boolean } = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: opts.nullable ?? false,
    isUnique: opts.unique ?? false,
    ...(opts.default !== undefined ? { default: `'${opts.default.replace(/'/g, "''")}'` } : {}),
  }),
  text: (name: string, defaultValue?: string): TableColumnOptions => ({
    name,
    type: 'text',
    isNullable: false,
    ...(defaultValue !== undefined ? { default: `'${defaultValue.replace(/'/g, "''")}'` } : {}),
  }),
  bool: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue ? 'true' : 'false' }),
  timestamp: (qr: QueryRunner, name: string, opts: { nullable?: boolean; now?: boolean } = {}): TableColumnOptions => ({
    name,
    // TypeORM's own mapping of a Date column on each driver, so entities and migrations agree.
    type: qr.connection.options.type === 'postgres' ? 'timestamp' : 'datetime',
    isNullable: opts.nullable ?? false,
    ...(opts.now ? { default: qr.connection.options.type === 'postgres' ? 'now()' : "datetime('now')" } : {}),
  }),
};
