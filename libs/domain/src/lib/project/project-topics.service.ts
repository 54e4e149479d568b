import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFindOne, ProjectTopicEntity } from '@hostgate/shared/persistence';
import { updateExisting, writeReferencing } from '../references';
import { byProjectClient, ProjectActionsService } from './project-actions.service';
import { checkEnum, checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from './project-query';
import { CLIENT_VISIBILITIES, ProjectsService } from './projects.service';

export const THREAD_STATUSES = ['open', 'closed'] as const;

export interface TopicInput {
  readonly projectId?: number;
  readonly actionId?: number | null;
  readonly parentId?: number | null;
  readonly name?: string;
  readonly body?: string;
  readonly status?: string;
  readonly clientVisibility?: string;
  readonly ownerAdminId?: number | null;
}

/** A thread: its first message, how many replies it has and when it last changed. */
export interface Thread<T> {
  readonly root: T;
  readonly replies: number;
  readonly lastActivity: Date;
}

const ENTITY = 'topic';

export const TOPIC_LIST: ListSpec = {
  alias: 't',
  columns: ['id', 'projectId', 'actionId', 'parentId', 'name', 'status', 'clientVisibility', 'ownerAdminId', 'dateCreated', 'dateModified'],
  virtual: { clientId: byProjectClient('t') },
  defaultSort: ['id', 'ASC'],
};

/** Discussion topics of a project or action; replies point at the thread's first message. */
@Injectable()
export class ProjectTopicsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly actions: ProjectActionsService,
  ) {}

  async find(query: ListQuery): Promise<Page<ProjectTopicEntity>> {
    return findPage(this.dataSource.getRepository(ProjectTopicEntity).createQueryBuilder('t'), TOPIC_LIST, query);
  }

  /** Thread roots matching the query, each with its reply count and last activity. */
  async threads(query: ListQuery): Promise<Page<Thread<ProjectTopicEntity>>> {
    const page = await this.find({ ...query, filters: [...query.filters.filter((f) => f.field !== 'parentId'), { field: 'parentId', op: 'eq', value: null }] });
    return { total: page.total, rows: await threadsOf(this.dataSource, ProjectTopicEntity, page.rows) };
  }

  async get(id: number): Promise<ProjectTopicEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectTopicEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: TopicInput, adminId: number | null): Promise<ProjectTopicEntity> {
    const repo = this.dataSource.getRepository(ProjectTopicEntity);
    let projectId = input.projectId;
    if (input.parentId != null) {
      const parent = await compiledFindOne(repo, { id: input.parentId });
      if (!parent) throw notFound(ENTITY, input.parentId, 'parentId');
      if (projectId !== undefined && projectId !== parent.projectId) {
        throw new DomainError(DomainErrorCode.InvalidField, `topic ${parent.id} is not part of project ${projectId}`, { entity: ENTITY, field: 'parentId', value: String(parent.id) });
      }
      projectId = parent.projectId;
    }
    projectId = required(ENTITY, 'projectId', projectId);
    required(ENTITY, 'name', input.name?.trim());
    this.check(input);
    await this.projects.require(projectId, 'projectId');
    if (input.actionId != null) await this.actions.require(input.actionId, 'actionId', projectId);
    // A reply always points at the thread's first message, so threads stay one level deep.
    const parentId = input.parentId != null ? ((await compiledFindOne(repo, { id: input.parentId }))?.parentId ?? input.parentId) : null;
    return writeReferencing(
      () => repo.save(repo.create({ body: '', status: 'open', clientVisibility: 'inherit', ...defined(input), projectId, parentId, ownerAdminId: input.ownerAdminId ?? adminId })),
      () => notFound('project', projectId, 'projectId'),
    );
  }

  async update(id: number, patch: TopicInput): Promise<ProjectTopicEntity> {
    this.check(patch);
    if (patch.name !== undefined) required(ENTITY, 'name', patch.name.trim());
    const row = await this.get(id);
    if ((patch.projectId !== undefined && patch.projectId !== row.projectId) || (patch.parentId !== undefined && patch.parentId !== row.parentId)) {
      throw new DomainError(DomainErrorCode.InvalidField, 'a topic cannot move to another project or thread', { entity: ENTITY, field: patch.projectId !== undefined ? 'projectId' : 'parentId' });
    }
    if (patch.actionId != null) await this.actions.require(patch.actionId, 'actionId', row.projectId);
    return writeReferencing(() => updateExisting<ProjectTopicEntity>(this.dataSource, ProjectTopicEntity, row.id, defined(patch), () => notFound(ENTITY, id, 'id')), () => notFound(ENTITY, id, 'id'));
  }

  /** Deleting a thread's first message removes its replies with it. */
  async delete(id: number): Promise<ProjectTopicEntity> {
    const row = await this.get(id);
    await this.dataSource.getRepository(ProjectTopicEntity).delete({ id });
    return row;
  }

  private check(input: TopicInput): void {
    checkText(ENTITY, 'name', input.name, 255);
    checkText(ENTITY, 'body', input.body, 65_535);
    checkEnum(ENTITY, 'status', input.status, THREAD_STATUSES);
    checkEnum(ENTITY, 'clientVisibility', input.clientVisibility, CLIENT_VISIBILITIES);
  }
}

/** Reply counts and last activity for thread roots of a table with parentId, in one grouped query. */
export async function threadsOf<T extends { id: number; dateModified: Date }>(dataSource: DataSource, entity: new () => T, roots: T[]): Promise<Array<Thread<T>>> {
  if (roots.length === 0) return [];
  const stats = await dataSource
    .getRepository(entity)
    .createQueryBuilder('r')
    .select('r.parentId', 'parent')
    .addSelect('COUNT(*)', 'replies')
    .addSelect('MAX(r.dateModified)', 'last')
    .where('r.parentId IN (:...ids)', { ids: roots.map((r) => r.id) })
    .groupBy('r.parentId')
    .getRawMany<{ parent: number; replies: string | number; last: string | Date }>();
  const byRoot = new Map(stats.map((s) => [Number(s.parent), s]));
  return roots.map((root) => {
    const s = byRoot.get(root.id);
    const last = s ? new Date(s.last instanceof Date ? s.last : `${String(s.last).replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(String(s.last)) ? '' : 'Z'}`) : root.dateModified;
    return { root, replies: s ? Number(s.replies) : 0, lastActivity: last > root.dateModified ? last : root.dateModified };
  });
}
