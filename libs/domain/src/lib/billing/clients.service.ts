import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { ClientEntity, ClientGroupEntity, ClientSettingEntity, compiledFind, compiledFindOne, type CompiledRows, compiledRows, ContactEntity, holdName, hydrateColumns, InvoiceEntity, selectColumns, ServiceEntity, UserEntity } from '@hostgate/shared/persistence';
import { holdRow, isForeignKeyViolation, isUniqueConstraint } from '../references';
import { BillingChecks, billingInvalid } from './billing-error';
import { BillingUsersService } from './billing-users.service';
import { CompaniesService } from './companies.service';
import { contactFields, text } from './contact-fields';
import { applyOrder, type PageRequest, pageOffset, PAGE_SIZE, resolveOrder } from './paging';
import { idCode, nextSequenceValue } from './sequences';

export const CLIENT_STATUSES = ['active', 'inactive', 'fraud'] as const;

/** What clients/get returns: the client with its primary contact, group, login and settings. */
export interface ClientView {
  readonly client: ClientEntity;
  readonly idCode: string;
  readonly contact: ContactEntity | null;
  readonly group: ClientGroupEntity | null;
  readonly user: UserEntity | null;
  readonly settings: Readonly<Record<string, string>>;
}

export interface ClientFilters {
  readonly status?: string;
  readonly clientGroupId?: number;
  readonly contactName?: string;
  readonly contactEmail?: string;
  readonly contactCompany?: string;
  readonly contactCountry?: string;
  readonly search?: string;
}

/** A settings column of the joined read: a JSON object of strings (text on SQLite, parsed on PostgreSQL; NULL when none). */
function settingsColumn(value: unknown): Record<string, string> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const out: Record<string, string> = {};
  if (typeof parsed !== 'object' || parsed === null) return out;
  for (const [key, v] of Object.entries(parsed)) if (typeof v === 'string') out[key] = v;
  return out;
}

/** The settings a client inherits from its company until it sets its own. */
const INHERITED_SETTINGS = ['language', 'default_currency'] as const;
const CLIENT_DEFAULTS: Readonly<Record<string, string | undefined>> = { autodebit: 'true', autosuspend: 'true', inv_method: 'email', tax_exempt: 'false', tax_id: '' };
/** Every key a client inherits, sorted once (all lower-case ASCII: byte order is the order). */
const INHERITED_ORDER: readonly string[] = [...new Set([...Object.keys(CLIENT_DEFAULTS), ...INHERITED_SETTINGS])].sort();

const INHERITED_COLUMNS: ReadonlyArray<readonly [string, string]> = INHERITED_SETTINGS.map((k) => [k, `i_${k}`]);

/** The company's inherited settings from a joined client row (`i_KEY` columns; NULL is unset). */
function companyColumns(read: CompiledRows, row: readonly unknown[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, column] of INHERITED_COLUMNS) {
    const v = row[read.columns.get(column) ?? -1];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** The defaults and the company's inherited settings, in key order. */
function inheritedSettings(company: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of INHERITED_ORDER) {
    const v = company[key] ?? CLIENT_DEFAULTS[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const ORDER_COLUMNS: Readonly<Record<string, string>> = {
  id: 'c.id',
  id_code: 'c.id_value',
  status: 'c.status',
  date_added: 'c.date_added',
  first_name: 'ct.first_name',
  last_name: 'ct.last_name',
  company: 'ct.company',
  email: 'ct.email',
  country: 'ct.country',
};

@Injectable()
export class ClientsService {
  private joinedClientSql: string | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: BillingUsersService,
    private readonly companies: CompaniesService,
  ) {}

  /** Clients::create: the user, the client and its primary contact, all or nothing. */
  async create(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<ClientView> {
    // Every field is checked before answering, so one 400 names every failure (Blesta's Input rules).
    const checks = new BillingChecks();
    const contact = checks.check(() => contactFields(vars, false), null);
    const username = text(vars['username']) ?? contact?.email ?? text(vars['email']);
    const groupId = await checks.checkAsync(() => this.groupOf(companyId, vars['client_group_id'] ?? 1), 0);
    const status = checks.check(() => this.status(vars['status'] ?? 'active'), 'active');
    const settings = checks.check(() => this.settingsInput(vars['settings']), {});
    const prepared = await this.users.prepare({ ...vars, username }, checks);
    // prepare() threw if the contact fields had failed.
    if (!contact) throw new Error('client checks passed without the contact fields');
    const clientId = await this.dataSource.transaction(async (tx) => {
      const user = await this.users.insert(tx, prepared);
      const client = await this.insertClient(tx, companyId, { userId: user.id, clientGroupId: groupId, status, idCode: undefined });
      const repo = tx.getRepository(ContactEntity);
      await repo.save(repo.create({ ...contact, clientId: client.id, userId: null, contactType: 'primary', contactTypeId: null }));
      await this.saveSettings(tx, client.id, settings);
      return client.id;
    });
    const view = await this.get(companyId, clientId);
    if (!view) throw new Error(`client ${clientId} vanished after create`);
    return view;
  }

  /** Clients::add: a client record for an existing user (no contact); returns its id. */
  async add(companyId: number, vars: Readonly<Record<string, unknown>>): Promise<number> {
    const checks = new BillingChecks();
    const userId = Number(text(vars['user_id']) ?? NaN);
    if (!(await this.users.get(userId))) checks.fail('user_id', 'exists', 'The user ID given does not exist.');
    const groupId = await checks.checkAsync(() => this.groupOf(companyId, vars['client_group_id'] ?? 1), 0);
    const status = checks.check(() => this.status(vars['status'] ?? 'active'), 'active');
    checks.done();
    const given = text(vars['id_code']);
    return this.dataSource.transaction(async (tx) => {
      // Held: two adds for one user take turns (the second finds the first's client), and a user
      // deleted since the check above is not found.
      if (!(await holdRow(tx, UserEntity, { id: userId }, 'update'))) throw billingInvalid('user_id', 'exists', 'The user ID given does not exist.');
      if (await tx.getRepository(ClientEntity).existsBy({ userId })) throw billingInvalid('user_id', 'unique', 'The user is already a client.');
      return (await this.insertClient(tx, companyId, { userId, clientGroupId: groupId, status, idCode: given })).id;
    });
  }

  /** One query for the client, its primary contact, group and user, its own settings and the company's it inherits (the hot read). */
  async get(companyId: number, clientId: number): Promise<ClientView | null> {
    if (!Number.isSafeInteger(clientId) || clientId < 1) return null;
    const m = this.dataSource.manager;
    const read = await compiledRows(m, this.clientSql(), { id: clientId, companyId });
    const [row] = read.rows;
    const client = row ? hydrateColumns(m.getRepository(ClientEntity), read, row, 'c_') : null;
    if (!row || !client) return null;
    return this.view(
      client,
      hydrateColumns(m.getRepository(ContactEntity), read, row, 'ct_'),
      hydrateColumns(m.getRepository(ClientGroupEntity), read, row, 'g_'),
      hydrateColumns(m.getRepository(UserEntity), read, row, 'u_'),
      { ...inheritedSettings(companyColumns(read, row)), ...settingsColumn(row[read.columns.get('s_own') ?? -1]) },
    );
  }

  /**
   * The client's row joined with its first primary contact, its group and its user, its own
   * settings as one JSON object (by key, in byte order) and the company's value of each inherited
   * setting (`i_KEY`, NULL when unset). Built once: the text is the statement's cache key.
   */
  private clientSql(): string {
    if (this.joinedClientSql) return this.joinedClientSql;
    const m = this.dataSource.manager;
    const columns = [
      selectColumns(m.getRepository(ClientEntity), 'c', 'c_'),
      selectColumns(m.getRepository(ContactEntity), 'ct', 'ct_'),
      selectColumns(m.getRepository(ClientGroupEntity), 'g', 'g_'),
      selectColumns(m.getRepository(UserEntity), 'u', 'u_'),
    ];
    const postgres = this.dataSource.options.type === 'postgres';
    // Both answer key/value rows as one JSON object (PostgreSQL's json arrives parsed); "C" is byte order, as SQLite's.
    const object = postgres ? 'json_object_agg(s."key", s."value" ORDER BY s."key" COLLATE "C")' : 'json_group_object(s."key", s."value" ORDER BY s."key")';
    // One scalar subquery per inherited key: an aggregate over them beside the client's own cost SQLite ~30 µs a call.
    const inherited = INHERITED_SETTINGS.map((k) => `(SELECT s."value" FROM company_settings s WHERE s.company_id = c.company_id AND s."key" = '${k}') AS "i_${k}"`);
    return (this.joinedClientSql =
      `SELECT ${columns.join(', ')},` +
      ` (SELECT ${object} FROM client_settings s WHERE s.client_id = c.id) AS s_own, ${inherited.join(', ')}` +
      ' FROM clients c' +
      " LEFT JOIN contacts ct ON ct.id = (SELECT MIN(p.id) FROM contacts p WHERE p.client_id = c.id AND p.contact_type = 'primary')" +
      ' LEFT JOIN client_groups g ON g.id = c.client_group_id LEFT JOIN users u ON u.id = c.user_id' +
      ' WHERE c.id = :id AND c.company_id = :companyId');
  }

  async list(companyId: number, filters: ClientFilters, page: PageRequest): Promise<ClientView[]> {
    const order = resolveOrder(page.orderBy, ORDER_COLUMNS, [['id_code', 'ASC']]);
    const qb = this.filtered(companyId, filters).select('c.id', 'id').offset(pageOffset(page.page)).limit(PAGE_SIZE);
    applyOrder(qb, order, ['c.id', 'ASC']);
    const ids = (await qb.getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    return this.views(companyId, ids);
  }

  async count(companyId: number, filters: ClientFilters): Promise<number> {
    return this.filtered(companyId, filters).getCount();
  }

  async all(companyId: number, filters: ClientFilters): Promise<ClientView[]> {
    const ids = (await this.filtered(companyId, filters).select('c.id', 'id').orderBy('c.id_value', 'ASC').addOrderBy('c.id', 'ASC').getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    return this.views(companyId, ids);
  }

  /** Clients::edit: user_id, client_group_id, status. */
  async edit(companyId: number, clientId: number, vars: Readonly<Record<string, unknown>>): Promise<void> {
    const client = await this.owned(companyId, clientId);
    // Every given field is checked before anything is written, so one 400 names every failure.
    const checks = new BillingChecks();
    const changes: Partial<Pick<ClientEntity, 'clientGroupId' | 'status' | 'userId'>> = {};
    if (vars['client_group_id'] !== undefined) changes.clientGroupId = await checks.checkAsync(() => this.groupOf(companyId, vars['client_group_id']), client.clientGroupId);
    if (vars['status'] !== undefined) changes.status = checks.check(() => this.status(vars['status']), client.status);
    if (vars['user_id'] !== undefined) {
      const userId = Number(text(vars['user_id']) ?? NaN);
      if (!(await this.users.get(userId))) checks.fail('user_id', 'exists', 'The user ID given does not exist.');
      else {
        const other = await compiledFindOne(this.dataSource.getRepository(ClientEntity), { userId });
        if (other && other.id !== client.id) checks.fail('user_id', 'unique', 'The user is already a client.');
        changes.userId = userId;
      }
    }
    const settings = vars['settings'] !== undefined ? checks.check(() => this.settingsInput(vars['settings']), {}) : {};
    checks.done();
    await this.dataSource.transaction(async (tx) => {
      // Held: a client deleted since it was read above is not written back, and only the given
      // columns are written, so a concurrent edit of another one is kept.
      await holdClient(tx, client.id, 'update');
      await this.saveSettings(tx, client.id, settings);
      if (Object.keys(changes).length === 0) return;
      // The user checked above was taken by another client, or deleted, meanwhile.
      await tx
        .getRepository(ClientEntity)
        .update({ id: client.id }, changes)
        .catch((e: unknown) => {
          if (isUniqueConstraint(e)) throw billingInvalid('user_id', 'unique', 'The user is already a client.');
          if (isForeignKeyViolation(e)) throw billingInvalid('user_id', 'exists', 'The user ID given does not exist.');
          throw e;
        });
    });
  }

  /** Clients::delete: refused while the client has open invoices or active or suspended services. */
  async delete(companyId: number, clientId: number): Promise<void> {
    const client = await this.owned(companyId, clientId);
    await this.dataSource.transaction(async (tx) => {
      // Held first: an invoice or service being added for the client is either committed before
      // the checks below (and refuses the deletion) or finds the client gone.
      await holdClient(tx, client.id, 'update');
      const open = await tx
        .getRepository(InvoiceEntity)
        .createQueryBuilder('i')
        .where('i.client_id = :id', { id: client.id })
        .andWhere("i.status IN ('active', 'proforma')")
        .andWhere('i.date_closed IS NULL')
        .getExists();
      const services = await tx.getRepository(ServiceEntity).createQueryBuilder('s').where('s.client_id = :id', { id: client.id }).andWhere("s.status IN ('active', 'suspended')").getExists();
      if (open || services) throw billingInvalid('client_id', 'deleteable', 'The client could not be deleted because they have open invoices or active services.');
      // Closed and void invoices go with the client, as Blesta deletes the whole record set.
      await tx.getRepository(InvoiceEntity).delete({ clientId: client.id });
      await tx.getRepository(ContactEntity).delete({ clientId: client.id });
      await tx.getRepository(ClientSettingEntity).delete({ clientId: client.id });
      await tx.getRepository(ClientEntity).delete({ id: client.id });
      await tx.getRepository(UserEntity).delete({ id: client.userId });
    });
  }

  async exists(companyId: number, clientId: number): Promise<boolean> {
    return Number.isSafeInteger(clientId) && clientId > 0 && this.dataSource.getRepository(ClientEntity).existsBy({ id: clientId, companyId });
  }

  /** The client, if it belongs to the caller's company; otherwise Blesta's "Invalid client ID." */
  async owned(companyId: number, clientId: number): Promise<ClientEntity> {
    const client = Number.isSafeInteger(clientId) && clientId > 0 ? await compiledFindOne(this.dataSource.getRepository(ClientEntity), { id: clientId, companyId }) : null;
    if (!client) throw billingInvalid('client_id', 'exists', 'Invalid client ID.');
    return client;
  }

  private filtered(companyId: number, f: ClientFilters) {
    const qb = this.dataSource
      .getRepository(ClientEntity)
      .createQueryBuilder('c')
      .leftJoin(ContactEntity, 'ct', "ct.client_id = c.id AND ct.contact_type = 'primary'")
      .where('c.company_id = :companyId', { companyId });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.clientGroupId !== undefined) qb.andWhere('c.client_group_id = :groupId', { groupId: f.clientGroupId });
    // Blesta runs on MySQL, whose default collation compares case-insensitively; LOWER() gives
    // PostgreSQL the same answers (SQLite's LIKE already ignores ASCII case).
    const like = (v: string): string => `%${v.toLowerCase()}%`;
    if (f.contactName) qb.andWhere("LOWER(ct.first_name || ' ' || ct.last_name) LIKE :name", { name: like(f.contactName) });
    if (f.contactEmail) qb.andWhere('LOWER(ct.email) LIKE :email', { email: like(f.contactEmail) });
    if (f.contactCompany) qb.andWhere('LOWER(ct.company) LIKE :company', { company: like(f.contactCompany) });
    if (f.contactCountry) qb.andWhere('ct.country = :country', { country: f.contactCountry.toUpperCase() });
    if (f.search) {
      const fields = ['CAST(c.id_value AS VARCHAR(32))', 'ct.first_name', 'ct.last_name', "ct.first_name || ' ' || ct.last_name", 'ct.company', 'ct.email', 'ct.address1', 'ct.city', 'ct.zip'];
      qb.andWhere(`(${fields.map((x) => `LOWER(${x}) LIKE :q`).join(' OR ')})`, { q: like(f.search) });
    }
    return qb;
  }

  /** Loads full views for ids, keeping their order (without settings: only clients/get reads them). */
  private async views(companyId: number, ids: readonly number[]): Promise<ClientView[]> {
    if (ids.length === 0) return [];
    const m = this.dataSource.manager;
    const clients = await compiledFind(m.getRepository(ClientEntity), { id: ids, companyId });
    if (clients.length === 0) return [];
    const [contacts, groups, users] = await Promise.all([
      compiledFind(m.getRepository(ContactEntity), { clientId: clients.map((c) => c.id), contactType: 'primary' }),
      compiledFind(m.getRepository(ClientGroupEntity), { id: [...new Set(clients.map((c) => c.clientGroupId))] }),
      compiledFind(m.getRepository(UserEntity), { id: clients.map((c) => c.userId) }),
    ]);
    const byId = new Map(clients.map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const client = byId.get(id);
      if (!client) return [];
      return [
        this.view(
          client,
          // The first primary contact by id, as the joined read takes it.
          contacts.filter((c) => c.clientId === id).sort((a, b) => a.id - b.id)[0] ?? null,
          groups.find((g) => g.id === client.clientGroupId) ?? null,
          users.find((u) => u.id === client.userId) ?? null,
          {},
        ),
      ];
    });
  }

  private view(client: ClientEntity, contact: ContactEntity | null, group: ClientGroupEntity | null, user: UserEntity | null, settings: Readonly<Record<string, string>>): ClientView {
    return { client, idCode: idCode(client.idFormat, client.idValue), contact, group, user, settings };
  }

  private async insertClient(tx: EntityManager, companyId: number, input: { userId: number; clientGroupId: number; status: string; idCode: string | undefined }): Promise<ClientEntity> {
    const repo = tx.getRepository(ClientEntity);
    let idFormat = (await this.companies.setting(companyId, 'client_format', tx)) ?? '{num}';
    let idValue: number;
    if (input.idCode !== undefined && input.idCode !== '') {
      // A numeric id_code is a value in the plain format; any other is kept verbatim as a format without {num}.
      const numeric = /^\d+$/.test(input.idCode);
      idFormat = numeric ? '{num}' : input.idCode.replace(/\{num\}/g, '');
      idValue = numeric ? Number(input.idCode) : 0;
      if (!(await codeFree(tx, companyId, idFormat, idValue))) throw billingInvalid('id_code', 'unique', 'The client ID code is already in use.');
    } else {
      const start = Number((await this.companies.setting(companyId, 'client_start', tx)) ?? '1');
      const increment = Number((await this.companies.setting(companyId, 'client_increment', tx)) ?? '1');
      // A number given earlier as a client's id_code is in use: the sequence goes past it.
      for (let skipped = 0; ; skipped++) {
        idValue = await nextSequenceValue(tx, companyId, 'client', start, increment);
        if (await codeFree(tx, companyId, idFormat, idValue)) break;
        if (skipped >= MAX_TAKEN_CODES) throw new Error(`client numbers of company ${companyId}: ${MAX_TAKEN_CODES} in a row are already in use`);
      }
    }
    return repo.save(repo.create({ idFormat, idValue, userId: input.userId, clientGroupId: input.clientGroupId, companyId, status: input.status, primaryAccountId: null, primaryAccountType: null, invAddressTo: null }));
  }

  private async groupOf(companyId: number, raw: unknown): Promise<number> {
    const id = Number(text(raw) ?? NaN);
    const group = Number.isSafeInteger(id) ? await compiledFindOne(this.dataSource.getRepository(ClientGroupEntity), { id, companyId }) : null;
    if (!group) throw billingInvalid('client_group_id', 'exists', 'Please select a valid client group.');
    return group.id;
  }

  private status(raw: unknown): string {
    const s = text(raw) ?? '';
    if (!(CLIENT_STATUSES as readonly string[]).includes(s)) throw billingInvalid('status', 'format', 'Invalid status.');
    return s;
  }

  private settingsInput(raw: unknown): Record<string, string> {
    if (raw === undefined || raw === null || raw === '') return {};
    if (typeof raw !== 'object' || Array.isArray(raw)) throw billingInvalid('settings', 'format', 'Invalid settings.');
    return Object.fromEntries(Object.entries(raw as Record<string, unknown>).flatMap(([k, v]) => (text(v) === undefined ? [] : [[k, text(v) ?? '']])));
  }

  private async saveSettings(tx: EntityManager, clientId: number, settings: Record<string, string>): Promise<void> {
    const rows = Object.entries(settings).map(([key, value]) => ({ clientId, key, value }));
    if (rows.length > 0) await tx.getRepository(ClientSettingEntity).save(rows);
  }
}

/** The client row, held until the transaction ends (see holdRow); Blesta's "Invalid client ID." once it is gone. */
export async function holdClient(tx: EntityManager, clientId: number, mode: 'share' | 'update'): Promise<void> {
  if (!(await holdRow(tx, ClientEntity, { id: clientId }, mode))) throw billingInvalid('client_id', 'exists', 'Invalid client ID.');
}

/** Advisory-lock namespace of client id codes (any constant no other lock of this schema uses). */
const CLIENT_CODE_LOCK = 0x436c6964;

/** How many numbers in a row, given earlier as id codes, the client sequence goes past before it gives up. */
const MAX_TAKEN_CODES = 1_000;

/**
 * Whether no client of the company has this id code. On PostgreSQL the code is taken for the rest
 * of the transaction first, so two adds giving one code, or a code given while the sequence draws
 * the same number, take turns and the second sees the first (SQLite runs one transaction at a time).
 */
async function codeFree(tx: EntityManager, companyId: number, idFormat: string, idValue: number): Promise<boolean> {
  await holdName(tx, CLIENT_CODE_LOCK, `${companyId}:${idFormat}:${idValue}`);
  return !(await tx.getRepository(ClientEntity).existsBy({ companyId, idFormat, idValue }));
}
