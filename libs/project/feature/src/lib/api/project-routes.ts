import { Injectable } from '@nestjs/common';
import {
  type ActionInput,
  type FileInput,
  type FileUpload,
  type ListQuery,
  type Page,
  ProjectActionsService,
  ProjectFilesService,
  ProjectsService,
  ProjectTicketXrefsService,
  ProjectTimelogsService,
  ProjectTopicsService,
  type ProjectInput,
  SettingsService,
  SupportTicketsService,
  type Thread,
  type TicketXrefInput,
  type TimelogInput,
  type TopicInput,
} from '@hostgate/domain';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { type PhpRecord, type PhpValue } from '@hostgate/shared/formats';
import { ACTION_RECURRENCES, ACTION_CLASSES, type SupportTicketEntity } from '@hostgate/shared/persistence';
import { type Upload } from './project-params';
import { ACTION_FIELDS, FILE_FIELDS, PROJECT_FIELDS, type RecordDef, THREAD_EXTRA, TICKET_FIELDS, TICKETXREF_FIELDS, TIMELOG_FIELDS, TOPIC_FIELDS } from './project-fields';
import { chainId, DEFAULT_LIMIT, MAX_LIMIT, type ParsedQuery, readInput, readQuery, renderRecord } from './project-values';
import { RESOURCE_ACTIONS } from './resources';

export interface CallContext {
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly upload?: Upload;
  readonly adminId: number | null;
}

export type Outcome = { readonly kind: 'envelope'; readonly response: PhpRecord } | { readonly kind: 'download'; readonly bytes: Buffer; readonly fileName: string; readonly mimeType: string };

/** A chain the API does not know (404) or a verb the resource does not take (405). */
export class RouteError extends Error {
  constructor(readonly code: 400 | 404 | 405) {
    super('Request Invalid or Bad Format');
  }
}

interface Collection {
  readonly def: RecordDef;
  find(q: ListQuery): Promise<Page<object>>;
  get(id: number): Promise<object>;
  create?(ctx: CallContext, input: Record<string, unknown>): Promise<object>;
  update?(id: number, input: Record<string, unknown>): Promise<object>;
  remove?(id: number): Promise<PhpRecord>;
  /** Decorates listed records (tickets carry their link). */
  decorate?(rows: object[], fixed: Readonly<Record<string, number>>): Promise<PhpRecord[]>;
}

const SUBLISTS: Readonly<Record<string, readonly string[]>> = {
  projects: ['actions', 'topics', 'files', 'whmcstickets', 'timelogs'],
  actions: ['topics', 'files', 'whmcstickets', 'timelogs'],
};

function listData(total: number, q: ParsedQuery): PhpRecord {
  const { limit, offset } = q.query;
  return { total, page: Math.floor(offset / limit) + 1, pages: Math.ceil(total / limit), limit, offset, filters: q.echo };
}

function oneData(filters: PhpRecord): PhpRecord {
  return { total: 1, page: 1, pages: 1, limit: 1, offset: 0, filters };
}

/** The Remote API's resource chains, each translated to one domain call. */
@Injectable()
export class ProjectRoutes {
  private readonly collections: Readonly<Record<string, Collection>>;

  constructor(
    private readonly settings: SettingsService,
    projects: ProjectsService,
    actions: ProjectActionsService,
    topics: ProjectTopicsService,
    private readonly files: ProjectFilesService,
    xrefs: ProjectTicketXrefsService,
    timelogs: ProjectTimelogsService,
    tickets: SupportTicketsService,
  ) {
    const attachXref = async (rows: object[], fixed: Readonly<Record<string, number>>): Promise<PhpRecord[]> => {
      const list = rows as SupportTicketEntity[];
      const links = await xrefs.forTickets(
        list.map((t) => t.id),
        fixed['project_id'],
      );
      return list.map((t) => {
        const link = links.get(t.id);
        return { ...renderRecord(TICKET_FIELDS, t), ticketxref: link ? renderRecord(TICKETXREF_FIELDS, link) : null };
      });
    };
    this.collections = {
      projects: {
        def: PROJECT_FIELDS,
        find: (q) => projects.find(q),
        get: (id) => projects.get(id),
        create: (ctx, input) => projects.create(input as ProjectInput, ctx.adminId),
        update: (id, input) => projects.update(id, input as ProjectInput),
        remove: async (id) => {
          const { project, removed } = await projects.delete(id);
          return { project: renderRecord(PROJECT_FIELDS, project), removed: { ...removed } };
        },
      },
      actions: {
        def: ACTION_FIELDS,
        find: (q) => actions.find(q),
        get: (id) => actions.get(id),
        create: (_ctx, input) => actions.create(input as ActionInput),
        update: (id, input) => actions.update(id, input as ActionInput),
        remove: async (id) => ({ action: renderRecord(ACTION_FIELDS, await actions.delete(id)) }),
      },
      topics: {
        def: TOPIC_FIELDS,
        find: (q) => topics.find(q),
        get: (id) => topics.get(id),
        create: (ctx, input) => topics.create(input as TopicInput, ctx.adminId),
        update: (id, input) => topics.update(id, input as TopicInput),
        remove: async (id) => ({ topic: renderRecord(TOPIC_FIELDS, await topics.delete(id)) }),
      },
      files: {
        def: FILE_FIELDS,
        find: (q) => files.find(q),
        get: (id) => files.get(id),
        create: (ctx, input) => files.create(input as FileInput, this.upload(ctx), ctx.adminId),
        update: (id, input) => files.update(id, input as FileInput),
        remove: async (id) => ({ file: renderRecord(FILE_FIELDS, await files.delete(id)) }),
      },
      whmcstickets: { def: TICKET_FIELDS, find: (q) => tickets.find(q), get: (id) => tickets.get(id), decorate: attachXref },
      ticketxrefs: {
        def: TICKETXREF_FIELDS,
        find: (q) => xrefs.find(q),
        get: (id) => xrefs.get(id),
        create: (_ctx, input) => xrefs.create(input as TicketXrefInput),
        update: (id, input) => xrefs.update(id, input as TicketXrefInput),
        remove: async (id) => ({ ticketxref: renderRecord(TICKETXREF_FIELDS, await xrefs.delete(id)) }),
      },
      timelogs: {
        def: TIMELOG_FIELDS,
        find: (q) => timelogs.find(q),
        get: (id) => timelogs.get(id),
        create: (ctx, input) => timelogs.create(input as TimelogInput, ctx.adminId),
        update: (id, input) => timelogs.update(id, input as TimelogInput),
        remove: async (id) => ({ timelog: renderRecord(TIMELOG_FIELDS, await timelogs.delete(id)) }),
      },
    };
    this.threads = { topics: (q) => topics.threads(q), files: (q) => files.threads(q) };
  }

  private readonly threads: Readonly<Record<string, (q: ListQuery) => Promise<Page<Thread<object>>>>>;

  async dispatch(keys: readonly string[], ctx: CallContext): Promise<Outcome> {
    const [resource, second, third, ...rest] = keys;
    if (rest.length > 0) throw new RouteError(404);
    if (resource === 'api') {
      if (second !== 'resources' || third !== undefined) throw new RouteError(404);
      return this.only(ctx, 'GET', () => this.resources());
    }
    if (resource === 'config') {
      if (second !== undefined) throw new RouteError(404);
      return this.only(ctx, 'GET', () => this.config(ctx.params));
    }
    const c = this.collections[resource];
    if (!c) throw new RouteError(404);
    if (second === undefined) return this.collection(c, ctx);
    if (second === 'bythread') {
      const threads = this.threads[resource];
      if (!threads || third !== undefined) throw new RouteError(404);
      return this.only(ctx, 'GET', () => this.threadList(c.def, threads, ctx.params));
    }
    const id = chainId(c.def, second);
    if (third === undefined) return this.item(c, id, ctx);
    if (resource === 'files' && third === 'download') return this.only(ctx, 'GET', () => this.download(id));
    if (!(SUBLISTS[resource] ?? []).includes(third)) throw new RouteError(404);
    return this.only(ctx, 'GET', () => this.subList(c, id, this.collections[third], ctx.params));
  }

  private async only(ctx: CallContext, method: string, run: () => Promise<Outcome>): Promise<Outcome> {
    if (ctx.method !== method) throw new RouteError(405);
    return run();
  }

  private async collection(c: Collection, ctx: CallContext): Promise<Outcome> {
    switch (ctx.method) {
      case 'GET':
        return this.list(c, ctx.params, {});
      case 'POST': {
        if (!c.create) throw new RouteError(405);
        const row = await c.create(ctx, readInput(c.def, ctx.params));
        return this.one(c, row);
      }
      case 'PUT':
      case 'DELETE': {
        // Clients that name the record in params rather than in the chain (v1.actions.json + action_id).
        const given = ctx.params[c.def.idWire];
        if (given === undefined || given === '') throw new DomainError(DomainErrorCode.MissingField, `${c.def.idWire} is required`, { field: c.def.idWire });
        return this.item(c, chainId(c.def, typeof given === 'string' || typeof given === 'number' ? String(given) : ''), ctx);
      }
      default:
        throw new RouteError(405);
    }
  }

  private async item(c: Collection, id: number, ctx: CallContext): Promise<Outcome> {
    switch (ctx.method) {
      case 'GET':
        return this.one(c, await c.get(id));
      case 'PUT': {
        if (!c.update) throw new RouteError(405);
        const input = readInput(c.def, ctx.params);
        return this.one(c, await c.update(id, input));
      }
      case 'DELETE': {
        if (!c.remove) throw new RouteError(405);
        return { kind: 'envelope', response: { data: oneData({ [c.def.idWire]: id }), ...(await c.remove(id)) } };
      }
      default:
        throw new RouteError(405);
    }
  }

  private async one(c: Collection, row: object): Promise<Outcome> {
    const record = c.decorate ? (await c.decorate([row], {}))[0] : renderRecord(c.def, row);
    return { kind: 'envelope', response: { data: oneData({ [c.def.idWire]: record[c.def.idWire] ?? null }), [c.def.singular]: record } };
  }

  private async list(c: Collection, params: Readonly<Record<string, unknown>>, fixed: Readonly<Record<string, number>>): Promise<Outcome> {
    const q = readQuery(c.def, params, fixed);
    const page = await c.find(q.query);
    const records = c.decorate ? await c.decorate(page.rows, fixed) : page.rows.map((r) => renderRecord(c.def, r));
    return { kind: 'envelope', response: { data: listData(page.total, q), [c.def.name]: records } };
  }

  /** projects/100/actions: the project and its actions in one response. */
  private async subList(parent: Collection, id: number, child: Collection, params: Readonly<Record<string, unknown>>): Promise<Outcome> {
    const record = renderRecord(parent.def, await parent.get(id));
    const fixed = { [parent.def.idWire]: id };
    const list = await this.list(child, params, fixed);
    if (list.kind !== 'envelope') return list;
    return { kind: 'envelope', response: { data: list.response['data'], [parent.def.singular]: record, [child.def.name]: list.response[child.def.name] } };
  }

  private async threadList(def: RecordDef, threads: (q: ListQuery) => Promise<Page<Thread<object>>>, params: Readonly<Record<string, unknown>>): Promise<Outcome> {
    const q = readQuery(def, params);
    const page = await threads(q.query);
    const rows: PhpValue[] = page.rows.map((t) => ({ ...renderRecord(def, t.root), ...renderRecord({ ...def, fields: [] }, { replies: t.replies, lastActivity: t.lastActivity }, THREAD_EXTRA) }));
    return { kind: 'envelope', response: { data: listData(page.total, q), [def.name]: rows } };
  }

  private async download(id: number): Promise<Outcome> {
    const { file, bytes } = await this.files.download(id);
    return { kind: 'download', bytes, fileName: file.fileName, mimeType: file.mimeType };
  }

  /** multipart `file`, or base64 `file_data` with `file_name` (and `file_mimetype`) in params. */
  private upload(ctx: CallContext): FileUpload | undefined {
    if (ctx.upload) return { fileName: ctx.upload.fileName, mimeType: ctx.upload.mimeType, bytes: ctx.upload.bytes };
    const data = ctx.params['file_data'];
    if (data === undefined || data === '') return undefined;
    if (typeof data !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(data)) throw new DomainError(DomainErrorCode.InvalidField, 'file_data is not base64', { field: 'file_data' });
    // Refuse before decoding: base64 is 4/3 of the bytes.
    if (Math.floor((data.replace(/\s/g, '').length * 3) / 4) > this.files.maxBytes + 2) this.tooLarge();
    const name = ctx.params['file_name'];
    const mime = ctx.params['file_mimetype'];
    return { fileName: typeof name === 'string' && name !== '' ? name : 'file', mimeType: typeof mime === 'string' ? mime : undefined, bytes: Buffer.from(data, 'base64') };
  }

  private tooLarge(): never {
    throw new DomainError(DomainErrorCode.LimitReached, `The file is larger than the ${this.files.maxBytes} byte limit`, { entity: 'file', field: 'file', reason: 'too_large' });
  }

  private async resources(): Promise<Outcome> {
    const resources = RESOURCE_ACTIONS.map((r) => ({ ...r }));
    return { kind: 'envelope', response: { data: { total: resources.length, page: 1, pages: 1, limit: resources.length, offset: 0, filters: {} }, resources } };
  }

  /** getConfig: every option, or the one named by `name`. */
  private async config(params: Readonly<Record<string, unknown>>): Promise<Outcome> {
    const options: PhpRecord = {
      api_active: await this.settings.get('project.api_active'),
      api_version: 'v1',
      formats: ['json', 'xml'],
      page_limit_default: DEFAULT_LIMIT,
      page_limit_max: MAX_LIMIT,
      file_max_bytes: this.files.maxBytes,
      action_priorities: { '1': 'Low', '2': 'Medium', '3': 'High' },
      level_classes: [...ACTION_CLASSES],
      action_recurrences: [...ACTION_RECURRENCES],
      thread_statuses: ['open', 'closed'],
      timelog_statuses: ['active', 'complete'],
      client_visibilities: ['hidden', 'visible', 'view', 'modify', 'inherit'],
    };
    const name = params['name'];
    if (name !== undefined && name !== '') {
      if (typeof name !== 'string' || !(name in options)) throw new DomainError(DomainErrorCode.NotFound, `no config option ${String(name)}`, { field: 'name' });
      return { kind: 'envelope', response: { data: oneData({ name }), config: { [name]: options[name] } } };
    }
    return { kind: 'envelope', response: { data: oneData({}), config: options } };
  }
}
