import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { ACTION_CLASSES, ACTION_RECURRENCES, compiledFindOne, ProjectActionEntity, ProjectEntity, ProjectFileEntity } from '@hostgate/shared/persistence';
import { holdRow, writeReferencing } from '../references';
import { FileStorageService } from './file-storage.service';
import { checkEnum, checkRange, checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from './project-query';
import { CLIENT_VISIBILITIES, ProjectsService } from './projects.service';

/** 1 Low, 2 Medium, 3 High (the product's language pack). */
export const ACTION_PRIORITIES = [1, 2, 3] as const;

export interface ActionInput {
  readonly projectId?: number;
  readonly parentId?: number | null;
  readonly levelClass?: string;
  readonly name?: string;
  readonly type?: string;
  readonly status?: string;
  readonly priority?: number;
  readonly duration?: number;
  readonly notes?: string;
  readonly assignedAdminId?: number | null;
  readonly recurrence?: string;
  readonly clientVisibility?: string;
  readonly dateStart?: Date | null;
  readonly dateFinish?: Date | null;
}

const ENTITY = 'action';

/** Rows of a table whose project belongs to a client: `clientId` filters through the project. */
export const byProjectClient = (alias: string) => (value: unknown, param: string) => ({
  sql: `${alias}.projectId IN (SELECT pc.id FROM projects pc WHERE pc.client_id = :${param})`,
  params: { [param]: value },
});

export const ACTION_LIST: ListSpec = {
  alias: 'a',
  columns: ['id', 'projectId', 'parentId', 'levelClass', 'name', 'type', 'status', 'priority', 'duration', 'assignedAdminId', 'recurrence', 'clientVisibility', 'dateStart', 'dateFinish', 'dateCreated', 'dateModified'],
  virtual: { clientId: byProjectClient('a') },
  defaultSort: ['id', 'ASC'],
};

/** Tasks, milestones and groups; a task or group may sit under a milestone or group of the same project. */
@Injectable()
export class ProjectActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly files: FileStorageService,
  ) {}

  async find(query: ListQuery): Promise<Page<ProjectActionEntity>> {
    return findPage(this.dataSource.getRepository(ProjectActionEntity).createQueryBuilder('a'), ACTION_LIST, query);
  }

  async get(id: number): Promise<ProjectActionEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectActionEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: ActionInput): Promise<ProjectActionEntity> {
    const projectId = required(ENTITY, 'projectId', input.projectId);
    required(ENTITY, 'name', input.name?.trim());
    this.check(input);
    await this.projects.require(projectId, 'projectId');
    if (input.parentId != null) await this.checkParent(this.dataSource.manager, projectId, input.parentId, undefined);
    const repo = this.dataSource.getRepository(ProjectActionEntity);
    return writeReferencing(
      () => repo.save(repo.create({ levelClass: 'task', type: '', status: 'pending', priority: 2, duration: 0, notes: '', recurrence: 'none', clientVisibility: 'inherit', ...defined(input) })),
      () => notFound('project', projectId, 'projectId'),
    );
  }

  async update(id: number, patch: ActionInput): Promise<ProjectActionEntity> {
    this.check(patch);
    if (patch.name !== undefined) required(ENTITY, 'name', patch.name.trim());
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProjectActionEntity);
      if (patch.parentId != null && tx.connection.options.type === 'postgres') {
        // Two concurrent moves could each pass the cycle check: one project's moves take turns. The
        // turn is taken before the action is held (an action never changes project), so a move
        // never holds an action that the move ahead of it is about to point at (a deadlock).
        const projectId = (await compiledFindOne(repo, { id }, { select: ['id', 'projectId'] }))?.projectId;
        if (projectId !== undefined) await compiledFindOne(tx.getRepository(ProjectEntity), { id: projectId }, { select: ['id'], lock: 'update' });
      }
      // Held: a deletion under way makes it not found, a later one waits (saving a deleted row would insert it again).
      const row = await holdRow(tx, ProjectActionEntity, { id }, 'update');
      if (!row) throw notFound(ENTITY, id, 'id');
      const next = { ...row, ...defined(patch) };
      checkRange(ENTITY, next.dateStart, next.dateFinish);
      if (patch.projectId !== undefined && patch.projectId !== row.projectId) {
        throw new DomainError(DomainErrorCode.InvalidField, 'an action cannot move to another project', { entity: ENTITY, field: 'projectId', value: String(patch.projectId) });
      }
      if (patch.parentId != null) await this.checkParent(tx, row.projectId, patch.parentId, id);
      return writeReferencing(() => repo.save(repo.merge(row, defined(patch))), () => notFound(ENTITY, patch.parentId ?? id, 'parentId'));
    });
  }

  /** Removes the action with what hangs under it (sub-actions, topics, files, ticket links, time logs). */
  async delete(id: number): Promise<ProjectActionEntity> {
    const { row, keys } = await this.dataSource.transaction(async (tx) => {
      const found = await compiledFindOne(tx.getRepository(ProjectActionEntity), { id });
      if (!found) throw notFound(ENTITY, id, 'id');
      const subtree = await this.subtree(tx, id);
      // The files under the actions, and every later version of them (a version goes with its
      // thread's first file by cascade, whichever action, if any, it names itself).
      const files = tx.getRepository(ProjectFileEntity);
      const fileKeys = (
        await files
          .createQueryBuilder('f')
          .select('f.storageKey', 'key')
          .where('f.actionId IN (:...ids)', { ids: subtree })
          .orWhere(`f.parentId IN ${files.createQueryBuilder('p').subQuery().select('p.id').from(ProjectFileEntity, 'p').where('p.actionId IN (:...ids)').getQuery()}`)
          .getRawMany<{ key: string }>()
      ).map((r) => r.key);
      await tx.getRepository(ProjectActionEntity).delete({ id });
      return { row: found, keys: fileKeys };
    });
    await this.files.discard(keys);
    return row;
  }

  /** The action, or NotFound naming the field that referred to it; with a project, it must belong to it. */
  async require(id: number, field: string, projectId?: number, tx?: EntityManager): Promise<ProjectActionEntity> {
    const row = await compiledFindOne((tx ?? this.dataSource.manager).getRepository(ProjectActionEntity), { id });
    if (!row) throw notFound(ENTITY, id, field);
    if (projectId !== undefined && row.projectId !== projectId) {
      throw new DomainError(DomainErrorCode.InvalidField, `action ${id} is not part of project ${projectId}`, { entity: ENTITY, field, value: String(id) });
    }
    return row;
  }

  private async subtree(tx: EntityManager, id: number): Promise<number[]> {
    const ids = [id];
    for (let i = 0; i < ids.length; i++) {
      const children = await tx.getRepository(ProjectActionEntity).find({ where: { parentId: ids[i] }, select: { id: true } });
      ids.push(...children.map((c) => c.id));
    }
    return ids;
  }

  private async checkParent(tx: EntityManager, projectId: number, parentId: number, self: number | undefined): Promise<void> {
    const parent = await this.require(parentId, 'parentId', projectId, tx);
    if (parent.levelClass === 'task') {
      throw new DomainError(DomainErrorCode.InvalidField, 'the parent must be a milestone or a group', { entity: ENTITY, field: 'parentId', value: String(parentId) });
    }
    // Walk up from the new parent: meeting the action itself would make a cycle.
    for (let cursor: ProjectActionEntity | null = parent; cursor; ) {
      if (cursor.id === self) throw new DomainError(DomainErrorCode.InvalidField, 'an action cannot sit under itself', { entity: ENTITY, field: 'parentId', value: String(parentId) });
      cursor = cursor.parentId === null ? null : await tx.getRepository(ProjectActionEntity).findOneBy({ id: cursor.parentId });
    }
  }

  private check(input: ActionInput): void {
    checkText(ENTITY, 'name', input.name, 255);
    checkText(ENTITY, 'type', input.type, 64);
    checkText(ENTITY, 'status', input.status, 32);
    checkText(ENTITY, 'notes', input.notes, 65_535);
    checkEnum(ENTITY, 'levelClass', input.levelClass, ACTION_CLASSES);
    checkEnum(ENTITY, 'recurrence', input.recurrence, ACTION_RECURRENCES);
    checkEnum(ENTITY, 'clientVisibility', input.clientVisibility, CLIENT_VISIBILITIES);
    if (input.priority !== undefined && !(ACTION_PRIORITIES as readonly number[]).includes(input.priority)) {
      throw new DomainError(DomainErrorCode.InvalidField, 'priority must be 1 (Low), 2 (Medium) or 3 (High)', { entity: ENTITY, field: 'priority', value: String(input.priority) });
    }
    if (input.duration !== undefined && (input.duration < 0 || !Number.isInteger(input.duration))) {
      throw new DomainError(DomainErrorCode.InvalidField, 'duration is a whole number of minutes', { entity: ENTITY, field: 'duration', value: String(input.duration) });
    }
    checkRange(ENTITY, input.dateStart, input.dateFinish);
  }
}
