import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFindOne, ProjectTicketXrefEntity, SupportTicketEntity } from '@hostgate/shared/persistence';
import { isUniqueConstraint, updateExisting } from '../references';
import { SupportTicketsService } from '../support/support-tickets.service';
import { byProjectClient, ProjectActionsService } from './project-actions.service';
import { checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from './project-query';
import { ProjectsService } from './projects.service';

export interface TicketXrefInput {
  readonly ticketId?: number;
  readonly projectId?: number;
  readonly actionId?: number | null;
  readonly notes?: string;
}

const ENTITY = 'ticketxref';

export const XREF_LIST: ListSpec = {
  alias: 'x',
  columns: ['id', 'ticketId', 'projectId', 'actionId', 'dateCreated'],
  virtual: { clientId: byProjectClient('x') },
  defaultSort: ['id', 'ASC'],
};

/** Links between support tickets and projects; a ticket links to a project of its own client, once. */
@Injectable()
export class ProjectTicketXrefsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly actions: ProjectActionsService,
    private readonly tickets: SupportTicketsService,
  ) {}

  async find(query: ListQuery): Promise<Page<ProjectTicketXrefEntity>> {
    return findPage(this.dataSource.getRepository(ProjectTicketXrefEntity).createQueryBuilder('x'), XREF_LIST, query);
  }

  /** The links of the given tickets to one project (or, without a project, any), by ticket id. */
  async forTickets(ticketIds: readonly number[], projectId?: number): Promise<Map<number, ProjectTicketXrefEntity>> {
    if (ticketIds.length === 0) return new Map();
    const qb = this.dataSource.getRepository(ProjectTicketXrefEntity).createQueryBuilder('x').where('x.ticketId IN (:...ids)', { ids: ticketIds }).orderBy('x.id', 'ASC');
    if (projectId !== undefined) qb.andWhere('x.projectId = :projectId', { projectId });
    const map = new Map<number, ProjectTicketXrefEntity>();
    for (const x of await qb.getMany()) if (!map.has(x.ticketId)) map.set(x.ticketId, x);
    return map;
  }

  async get(id: number): Promise<ProjectTicketXrefEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectTicketXrefEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: TicketXrefInput): Promise<ProjectTicketXrefEntity> {
    const ticketId = required(ENTITY, 'ticketId', input.ticketId);
    let projectId = input.projectId;
    if (projectId === undefined && input.actionId != null) projectId = (await this.actions.require(input.actionId, 'actionId')).projectId;
    projectId = required(ENTITY, 'projectId', projectId);
    checkText(ENTITY, 'notes', input.notes, 65_535);
    const project = await this.projects.require(projectId, 'projectId');
    if (input.actionId != null) await this.actions.require(input.actionId, 'actionId', projectId);
    const ticket: SupportTicketEntity = await this.tickets.get(ticketId).catch(() => {
      throw notFound('ticket', ticketId, 'ticketId');
    });
    if (ticket.clientId !== project.clientId) {
      throw new DomainError(DomainErrorCode.InvalidField, `ticket ${ticketId} belongs to another client than project ${projectId}`, { entity: ENTITY, field: 'ticketId', value: String(ticketId) });
    }
    const repo = this.dataSource.getRepository(ProjectTicketXrefEntity);
    try {
      return await repo.save(repo.create({ notes: '', ...defined(input), ticketId, projectId, actionId: input.actionId ?? null }));
    } catch (e) {
      if (isUniqueConstraint(e)) throw new DomainError(DomainErrorCode.AlreadyExists, `ticket ${ticketId} is already linked to project ${projectId}`, { entity: ENTITY, field: 'ticketId', value: String(ticketId) });
      throw e;
    }
  }

  async update(id: number, patch: TicketXrefInput): Promise<ProjectTicketXrefEntity> {
    checkText(ENTITY, 'notes', patch.notes, 65_535);
    const row = await this.get(id);
    if ((patch.ticketId !== undefined && patch.ticketId !== row.ticketId) || (patch.projectId !== undefined && patch.projectId !== row.projectId)) {
      throw new DomainError(DomainErrorCode.InvalidField, 'a link keeps its ticket and project; delete it and link again', { entity: ENTITY, field: patch.ticketId !== undefined ? 'ticketId' : 'projectId' });
    }
    if (patch.actionId != null) await this.actions.require(patch.actionId, 'actionId', row.projectId);
    return updateExisting(this.dataSource, ProjectTicketXrefEntity, row.id, { actionId: patch.actionId, notes: patch.notes }, () => notFound(ENTITY, id, 'id'));
  }

  async delete(id: number): Promise<ProjectTicketXrefEntity> {
    const row = await this.get(id);
    await this.dataSource.getRepository(ProjectTicketXrefEntity).delete({ id });
    return row;
  }
}
