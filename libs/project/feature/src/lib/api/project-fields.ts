import { ACTION_CLASSES, ACTION_RECURRENCES, SUPPORT_TICKET_PRIORITIES, SUPPORT_TICKET_STATUSES } from '@hostgate/shared/persistence';
import { CLIENT_VISIBILITIES, THREAD_STATUSES, TIMELOG_STATUSES } from '@hostgate/domain';

export type FieldType = 'int' | 'string' | 'text' | 'date' | 'bool';

/**
 * One field of a record as the Remote API names it. The product's record field names are not
 * public; these follow its language pack's keys (project_name, action_priority, date_created,
 * client_userid, assigned_adminid, ...): `<record>_<what>` for a record's own values, the shared
 * key (date_*, client_*, *_adminid) where the pack uses one, and `<record>_id` for references.
 */
export interface FieldDef {
  readonly wire: string;
  /** The domain's property name. */
  readonly prop: string;
  readonly type: FieldType;
  readonly description: string;
  readonly enum?: ReadonlyArray<string | number>;
  readonly nullable?: boolean;
  /** Accepted on create and update. */
  readonly writable?: boolean;
  /** Required on create. */
  readonly required?: boolean;
  /** Accepted as an equality filter on find (dates: `<wire>_from` / `<wire>_to` ranges). */
  readonly filter?: boolean;
  readonly sort?: boolean;
  /** Only a filter (not in records), e.g. a project's client seen from its actions. */
  readonly filterOnly?: boolean;
  readonly maxLength?: number;
}

export interface RecordDef {
  /** The chain key and the list key of the response, e.g. "projects". */
  readonly name: string;
  /** The single-record key of the response, e.g. "project". */
  readonly singular: string;
  /** The domain's entity name (in DomainError details). */
  readonly entity: string;
  readonly idWire: string;
  readonly title: string;
  readonly fields: readonly FieldDef[];
}

const id = (wire: string, description: string): FieldDef => ({ wire, prop: 'id', type: 'int', description, filter: true, sort: true });
const created: FieldDef = { wire: 'date_created', prop: 'dateCreated', type: 'date', description: 'When the record was created (UTC, Y-m-d H:i:s)', filter: true, sort: true };
const modified: FieldDef = { wire: 'date_modified', prop: 'dateModified', type: 'date', description: 'When the record last changed (UTC)', filter: true, sort: true };
const admin = (wire: string, prop: string, description: string): FieldDef => ({ wire, prop, type: 'int', description, nullable: true, writable: true, filter: true, sort: true });
const clientFilter: FieldDef = { wire: 'client_userid', prop: 'clientId', type: 'int', description: 'Only records of projects of this billing client', filterOnly: true, filter: true };
const visibility: FieldDef = { wire: 'client_visibility', prop: 'clientVisibility', type: 'string', enum: CLIENT_VISIBILITIES, description: 'What the client sees in the client area', writable: true, filter: true, sort: true };

export const PROJECT_FIELDS: RecordDef = {
  name: 'projects',
  singular: 'project',
  entity: 'project',
  idWire: 'project_id',
  title: 'Project',
  fields: [
    id('project_id', 'Project id'),
    { wire: 'client_userid', prop: 'clientId', type: 'int', description: 'The billing client the project belongs to', writable: true, required: true, filter: true, sort: true },
    { wire: 'client_hostingid', prop: 'clientHostingId', type: 'int', description: "One of the client's billing services the project is about", nullable: true, writable: true, filter: true, sort: true },
    { wire: 'project_name', prop: 'name', type: 'string', description: 'Name', writable: true, required: true, sort: true, maxLength: 255 },
    { wire: 'project_type', prop: 'type', type: 'string', description: 'Free-form type', writable: true, filter: true, sort: true, maxLength: 64 },
    { wire: 'project_status', prop: 'status', type: 'string', description: 'Free-form status (default active)', writable: true, filter: true, sort: true, maxLength: 32 },
    { wire: 'project_description', prop: 'description', type: 'text', description: 'Description', writable: true },
    admin('owner_adminid', 'ownerAdminId', 'Owning administrator (default: the caller)'),
    admin('manager_adminid', 'managerAdminId', 'Managing administrator'),
    { wire: 'invoice_id', prop: 'invoiceId', type: 'int', description: 'Related billing invoice', nullable: true, writable: true, filter: true, sort: true },
    { ...visibility, description: 'What the client sees in the client area (default hidden)' },
    { wire: 'date_start', prop: 'dateStart', type: 'date', description: 'Planned start', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'date_finish', prop: 'dateFinish', type: 'date', description: 'Planned finish (not before the start)', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'date_activity', prop: 'dateActivity', type: 'date', description: 'Last activity', nullable: true, writable: true, filter: true, sort: true },
    created,
    modified,
  ],
};

export const ACTION_FIELDS: RecordDef = {
  name: 'actions',
  singular: 'action',
  entity: 'action',
  idWire: 'action_id',
  title: 'Action',
  fields: [
    id('action_id', 'Action id'),
    { wire: 'project_id', prop: 'projectId', type: 'int', description: 'The project', writable: true, required: true, filter: true, sort: true },
    { wire: 'parent_id', prop: 'parentId', type: 'int', description: 'The milestone or group this action sits under', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'level_class', prop: 'levelClass', type: 'string', enum: ACTION_CLASSES, description: 'milestone, group or task (default task)', writable: true, filter: true, sort: true },
    { wire: 'action_name', prop: 'name', type: 'string', description: 'Name', writable: true, required: true, sort: true, maxLength: 255 },
    { wire: 'action_type', prop: 'type', type: 'string', description: 'Free-form type', writable: true, filter: true, sort: true, maxLength: 64 },
    { wire: 'action_status', prop: 'status', type: 'string', description: 'Free-form status (default pending)', writable: true, filter: true, sort: true, maxLength: 32 },
    { wire: 'action_priority', prop: 'priority', type: 'int', enum: [1, 2, 3], description: '1 Low, 2 Medium (default), 3 High', writable: true, filter: true, sort: true },
    { wire: 'action_duration', prop: 'duration', type: 'int', description: 'Planned effort in minutes', writable: true, filter: true, sort: true },
    { wire: 'action_notes', prop: 'notes', type: 'text', description: 'Notes', writable: true },
    admin('assigned_adminid', 'assignedAdminId', 'Assigned administrator'),
    { wire: 'action_recurrence', prop: 'recurrence', type: 'string', enum: ACTION_RECURRENCES, description: 'Recurrence (default none)', writable: true, filter: true, sort: true },
    visibility,
    { wire: 'date_start', prop: 'dateStart', type: 'date', description: 'Start', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'date_finish', prop: 'dateFinish', type: 'date', description: 'Due / finish (not before the start)', nullable: true, writable: true, filter: true, sort: true },
    created,
    modified,
    clientFilter,
  ],
};

export const TOPIC_FIELDS: RecordDef = {
  name: 'topics',
  singular: 'topic',
  entity: 'topic',
  idWire: 'topic_id',
  title: 'Topic',
  fields: [
    id('topic_id', 'Topic id'),
    { wire: 'project_id', prop: 'projectId', type: 'int', description: "The project (taken from the thread's first message for a reply)", writable: true, required: true, filter: true, sort: true },
    { wire: 'action_id', prop: 'actionId', type: 'int', description: 'The action it is about, if any', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'parent_id', prop: 'parentId', type: 'int', description: "The thread's first message, for a reply", nullable: true, writable: true, filter: true, sort: true },
    { wire: 'topic_name', prop: 'name', type: 'string', description: 'Subject', writable: true, required: true, sort: true, maxLength: 255 },
    { wire: 'topic_body', prop: 'body', type: 'text', description: 'Message', writable: true },
    { wire: 'topic_status', prop: 'status', type: 'string', enum: THREAD_STATUSES, description: 'open or closed', writable: true, filter: true, sort: true },
    visibility,
    admin('owner_adminid', 'ownerAdminId', 'Author (default: the caller)'),
    created,
    modified,
    clientFilter,
  ],
};

export const FILE_FIELDS: RecordDef = {
  name: 'files',
  singular: 'file',
  entity: 'file',
  idWire: 'file_id',
  title: 'File',
  fields: [
    id('file_id', 'File id'),
    { wire: 'project_id', prop: 'projectId', type: 'int', description: "The project (taken from the thread's first file for a new version)", writable: true, required: true, filter: true, sort: true },
    { wire: 'action_id', prop: 'actionId', type: 'int', description: 'The action it belongs to, if any', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'parent_id', prop: 'parentId', type: 'int', description: "The thread's first file, for a new version", nullable: true, writable: true, filter: true, sort: true },
    { wire: 'file_label', prop: 'label', type: 'string', description: 'Label (default: the file name)', writable: true, sort: true, maxLength: 255 },
    { wire: 'file_name', prop: 'fileName', type: 'string', description: 'Stored file name: the last path segment of the uploaded name, without control characters', filter: true, sort: true },
    { wire: 'file_mimetype', prop: 'mimeType', type: 'string', description: 'Content type', filter: true, sort: true },
    { wire: 'file_size', prop: 'size', type: 'int', description: 'Size in bytes', sort: true },
    { wire: 'file_sha256', prop: 'sha256', type: 'string', description: 'SHA-256 of the content, hex' },
    { wire: 'file_description', prop: 'description', type: 'text', description: 'Description', writable: true },
    { wire: 'file_status', prop: 'status', type: 'string', enum: THREAD_STATUSES, description: 'open or closed', writable: true, filter: true, sort: true },
    visibility,
    admin('owner_adminid', 'ownerAdminId', 'Uploader (default: the caller)'),
    created,
    modified,
    clientFilter,
  ],
};

/** WHMCS's own ticket records keep WHMCS's field names (the seed's example shows `id`). */
export const TICKET_FIELDS: RecordDef = {
  name: 'whmcstickets',
  singular: 'whmcsticket',
  entity: 'ticket',
  idWire: 'id',
  title: 'WHMCSTicket',
  fields: [
    id('id', 'Ticket id'),
    { wire: 'tid', prop: 'tid', type: 'string', description: 'Ticket number the client quotes', filter: true, sort: true },
    { wire: 'userid', prop: 'clientId', type: 'int', description: 'The billing client', filter: true, sort: true },
    { wire: 'deptname', prop: 'department', type: 'string', description: 'Department', filter: true, sort: true },
    { wire: 'subject', prop: 'subject', type: 'string', description: 'Subject', sort: true },
    { wire: 'message', prop: 'message', type: 'text', description: 'First message' },
    { wire: 'status', prop: 'status', type: 'string', enum: SUPPORT_TICKET_STATUSES, description: 'Ticket status', filter: true, sort: true },
    { wire: 'priority', prop: 'priority', type: 'string', enum: SUPPORT_TICKET_PRIORITIES, description: 'Ticket priority', filter: true, sort: true },
    { wire: 'date', prop: 'dateCreated', type: 'date', description: 'Opened', filter: true, sort: true },
    { wire: 'lastreply', prop: 'dateModified', type: 'date', description: 'Last reply', filter: true, sort: true },
    { wire: 'client_userid', prop: 'clientId', type: 'int', description: 'Same as userid', filterOnly: true, filter: true },
    { wire: 'project_id', prop: 'projectId', type: 'int', description: 'Only tickets linked to this project', filterOnly: true, filter: true },
    { wire: 'action_id', prop: 'actionId', type: 'int', description: 'Only tickets linked to this action', filterOnly: true, filter: true },
  ],
};

export const TICKETXREF_FIELDS: RecordDef = {
  name: 'ticketxrefs',
  singular: 'ticketxref',
  entity: 'ticketxref',
  idWire: 'xref_id',
  title: 'TicketXref',
  fields: [
    id('xref_id', 'Link id'),
    { wire: 'ticket_id', prop: 'ticketId', type: 'int', description: 'The support ticket (of the project client)', writable: true, required: true, filter: true, sort: true },
    { wire: 'project_id', prop: 'projectId', type: 'int', description: "The project (taken from the action when only action_id is given)", writable: true, required: true, filter: true, sort: true },
    { wire: 'action_id', prop: 'actionId', type: 'int', description: 'The action, if any', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'xref_notes', prop: 'notes', type: 'text', description: 'Notes', writable: true },
    created,
    clientFilter,
  ],
};

export const TIMELOG_FIELDS: RecordDef = {
  name: 'timelogs',
  singular: 'timelog',
  entity: 'timelog',
  idWire: 'timelog_id',
  title: 'Timelog',
  fields: [
    id('timelog_id', 'Time log id'),
    { wire: 'project_id', prop: 'projectId', type: 'int', description: 'The project (taken from the action when only action_id is given)', writable: true, required: true, filter: true, sort: true },
    { wire: 'action_id', prop: 'actionId', type: 'int', description: 'The action, if any', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'ticket_id', prop: 'ticketId', type: 'int', description: 'The support ticket the time was spent on, if any', nullable: true, writable: true, filter: true, sort: true },
    admin('assigned_adminid', 'assignedAdminId', 'Who spent the time (default: the caller)'),
    { wire: 'timelog_status', prop: 'status', type: 'string', enum: TIMELOG_STATUSES, description: 'active (running, no finish) or complete; derived from the times', writable: true, filter: true, sort: true },
    { wire: 'timelog_description', prop: 'description', type: 'text', description: 'What was done', writable: true },
    { wire: 'date_start', prop: 'dateStart', type: 'date', description: 'Start (default now)', writable: true, filter: true, sort: true },
    { wire: 'date_finish', prop: 'dateFinish', type: 'date', description: 'Finish = start + duration; empty while active', nullable: true, writable: true, filter: true, sort: true },
    { wire: 'timelog_duration', prop: 'duration', type: 'int', description: 'Seconds; with start and finish both given it must match them', writable: true, filter: true, sort: true },
    { wire: 'timelog_billable', prop: 'billable', type: 'bool', description: '1 billable (default), 0 not', writable: true, filter: true, sort: true },
    created,
    modified,
    clientFilter,
  ],
};

export const RECORDS: readonly RecordDef[] = [PROJECT_FIELDS, ACTION_FIELDS, TOPIC_FIELDS, FILE_FIELDS, TICKET_FIELDS, TICKETXREF_FIELDS, TIMELOG_FIELDS];

/** Thread lists (bythread) add these to each thread's first record. */
export const THREAD_EXTRA: readonly FieldDef[] = [
  { wire: 'thread_replies', prop: 'replies', type: 'int', description: 'Replies (topics) or later versions (files) in the thread' },
  { wire: 'date_activity', prop: 'lastActivity', type: 'date', description: 'Last change anywhere in the thread' },
];

/** The Remote API name of a domain field, for error messages ("The value provide for project_name ..."). */
export function wireName(entity: string | undefined, prop: string | undefined): string {
  if (!prop) return 'id';
  if (prop === 'clientId') return 'client_userid';
  if (prop === 'file') return 'file';
  const record = RECORDS.find((r) => r.entity === entity);
  const field = record?.fields.find((f) => f.prop === prop && !f.filterOnly) ?? RECORDS.flatMap((r) => r.fields).find((f) => f.prop === prop);
  return field?.wire ?? prop;
}
