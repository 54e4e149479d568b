import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { col } from './schema-helpers';

/**
 * Support tickets (shared by the project and billing dialects) and the project dialect's tables.
 * Everything under a project cascades from it: deleting a project removes its children in the same
 * statement, and a child inserted concurrently with that delete fails on the foreign key instead of
 * being left orphaned.
 */
export class ProjectSupport1763930000000 implements MigrationInterface {
  name = 'ProjectSupport1763930000000';

  async up(qr: QueryRunner): Promise<void> {
    const fk = (table: string, column: string, parent: string): TableForeignKey =>
      new TableForeignKey({ name: `fk_${table}_${column}`, columnNames: [column], referencedTableName: parent, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    const idx = (table: string, ...columns: string[]): TableIndex => new TableIndex({ name: `idx_${table}_${columns.join('_')}`, columnNames: columns });
    const created = () => col.timestamp(qr, 'date_created', { now: true });
    const modified = () => col.timestamp(qr, 'date_modified', { now: true });

    await qr.createTable(
      new Table({
        name: 'support_tickets',
        columns: [
          col.id(),
          col.varchar('tid', 32, { unique: true }),
          col.int('client_id'),
          col.varchar('department', 128, { default: 'Support' }),
          col.varchar('subject', 255),
          col.text('message', ''),
          col.varchar('status', 32, { default: 'Open' }),
          col.varchar('priority', 16, { default: 'Medium' }),
          created(),
          modified(),
        ],
        indices: [idx('support_tickets', 'client_id')],
        foreignKeys: [fk('support_tickets', 'client_id', 'clients')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'projects',
        columns: [
          col.id(),
          col.int('client_id'),
          col.int('client_hosting_id', true),
          col.varchar('name', 255),
          col.varchar('type', 64, { default: '' }),
          col.varchar('status', 32, { default: 'active' }),
          col.text('description', ''),
          col.int('owner_admin_id', true),
          col.int('manager_admin_id', true),
          col.int('invoice_id', true),
          col.varchar('client_visibility', 16, { default: 'hidden' }),
          col.timestamp(qr, 'date_start', { nullable: true }),
          col.timestamp(qr, 'date_finish', { nullable: true }),
          col.timestamp(qr, 'date_activity', { nullable: true }),
          created(),
          modified(),
        ],
        indices: [idx('projects', 'client_id')],
        foreignKeys: [fk('projects', 'client_id', 'clients')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'project_actions',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('parent_id', true),
          col.varchar('level_class', 16, { default: 'task' }),
          col.varchar('name', 255),
          col.varchar('type', 64, { default: '' }),
          col.varchar('status', 32, { default: 'pending' }),
          { ...col.int('priority'), default: '2' },
          { ...col.int('duration'), default: '0' },
          col.text('notes', ''),
          col.int('assigned_admin_id', true),
          col.varchar('recurrence', 16, { default: 'none' }),
          col.varchar('client_visibility', 16, { default: 'inherit' }),
          col.timestamp(qr, 'date_start', { nullable: true }),
          col.timestamp(qr, 'date_finish', { nullable: true }),
          created(),
          modified(),
        ],
        indices: [idx('project_actions', 'project_id'), idx('project_actions', 'parent_id')],
        foreignKeys: [fk('project_actions', 'project_id', 'projects'), fk('project_actions', 'parent_id', 'project_actions')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'project_topics',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('action_id', true),
          col.int('parent_id', true),
          col.varchar('name', 255),
          col.text('body', ''),
          col.varchar('status', 16, { default: 'open' }),
          col.varchar('client_visibility', 16, { default: 'inherit' }),
          col.int('owner_admin_id', true),
          created(),
          modified(),
        ],
        indices: [idx('project_topics', 'project_id'), idx('project_topics', 'action_id'), idx('project_topics', 'parent_id')],
        foreignKeys: [fk('project_topics', 'project_id', 'projects'), fk('project_topics', 'action_id', 'project_actions'), fk('project_topics', 'parent_id', 'project_topics')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'project_files',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('action_id', true),
          col.int('parent_id', true),
          col.varchar('label', 255),
          col.varchar('file_name', 255),
          col.varchar('mime_type', 128, { default: 'application/octet-stream' }),
          col.int('size'),
          col.varchar('sha256', 64),
          col.varchar('storage_key', 128),
          col.text('description', ''),
          col.varchar('status', 16, { default: 'open' }),
          col.varchar('client_visibility', 16, { default: 'inherit' }),
          col.int('owner_admin_id', true),
          created(),
          modified(),
        ],
        indices: [idx('project_files', 'project_id'), idx('project_files', 'action_id'), idx('project_files', 'parent_id')],
        foreignKeys: [fk('project_files', 'project_id', 'projects'), fk('project_files', 'action_id', 'project_actions'), fk('project_files', 'parent_id', 'project_files')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'project_ticket_xrefs',
        columns: [col.id(), col.int('ticket_id'), col.int('project_id'), col.int('action_id', true), col.text('notes', ''), created()],
        indices: [
          new TableIndex({ name: 'uq_project_ticket_xrefs_ticket_project', columnNames: ['ticket_id', 'project_id'], isUnique: true }),
          idx('project_ticket_xrefs', 'project_id'),
          idx('project_ticket_xrefs', 'action_id'),
        ],
        foreignKeys: [
          fk('project_ticket_xrefs', 'ticket_id', 'support_tickets'),
          fk('project_ticket_xrefs', 'project_id', 'projects'),
          fk('project_ticket_xrefs', 'action_id', 'project_actions'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'project_timelogs',
        columns: [
          col.id(),
          col.int('project_id'),
          col.int('action_id', true),
          col.int('ticket_id', true),
          col.int('assigned_admin_id', true),
          col.varchar('status', 16, { default: 'complete' }),
          col.text('description', ''),
          col.timestamp(qr, 'date_start'),
          col.timestamp(qr, 'date_finish', { nullable: true }),
          { ...col.int('duration'), default: '0' },
          col.bool('billable', true),
          created(),
          modified(),
        ],
        indices: [idx('project_timelogs', 'project_id'), idx('project_timelogs', 'action_id'), idx('project_timelogs', 'date_start')],
        foreignKeys: [
          fk('project_timelogs', 'project_id', 'projects'),
          fk('project_timelogs', 'action_id', 'project_actions'),
          new TableForeignKey({ name: 'fk_project_timelogs_ticket_id', columnNames: ['ticket_id'], referencedTableName: 'support_tickets', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['project_timelogs', 'project_ticket_xrefs', 'project_files', 'project_topics', 'project_actions', 'projects', 'support_tickets']) await qr.dropTable(t);
  }
}
