import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFindOne, ProjectTimelogEntity, SupportTicketEntity } from '@hostgate/shared/persistence';
import { holdRow, writeReferencing } from '../references';
import { byProjectClient, ProjectActionsService } from './project-actions.service';
import { checkEnum, checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page } from './project-query';
import { ProjectsService } from './projects.service';

export const TIMELOG_STATUSES = ['active', 'complete'] as const;

export interface TimelogInput {
  readonly projectId?: number;
  readonly actionId?: number | null;
  readonly ticketId?: number | null;
  readonly assignedAdminId?: number | null;
  readonly status?: string;
  readonly description?: string;
  readonly dateStart?: Date;
  readonly dateFinish?: Date | null;
  /** Seconds. */
  readonly duration?: number;
  readonly billable?: boolean;
}

const ENTITY = 'timelog';

export const TIMELOG_LIST: ListSpec = {
  alias: 'l',
  columns: ['id', 'projectId', 'actionId', 'ticketId', 'assignedAdminId', 'status', 'dateStart', 'dateFinish', 'duration', 'billable', 'dateCreated', 'dateModified'],
  virtual: { clientId: byProjectClient('l') },
  defaultSort: ['dateStart', 'ASC'],
};

const invalid = (field: string, message: string) => new DomainError(DomainErrorCode.InvalidField, message, { entity: ENTITY, field });

/**
 * The times of a log always agree: a complete log has finish = start + duration (seconds); an
 * active one (a running timer) has no finish and no duration yet. Whatever the caller gives, the
 * missing member is derived, and a contradiction is refused.
 */
export function settleTimes(current: { dateStart: Date; dateFinish: Date | null; duration: number; status: string } | undefined, patch: TimelogInput, now: Date): { dateStart: Date; dateFinish: Date | null; duration: number; status: string } {
  const start = patch.dateStart ?? current?.dateStart ?? now;
  if (patch.duration !== undefined && (!Number.isInteger(patch.duration) || patch.duration < 0)) throw invalid('duration', 'duration is a whole number of seconds, not negative');
  let finish: Date | null;
  let duration: number;
  if (patch.dateFinish !== undefined && patch.dateFinish !== null) {
    finish = patch.dateFinish;
    duration = Math.round((finish.getTime() - start.getTime()) / 1000);
    if (duration < 0) throw invalid('dateFinish', 'the finish is before the start');
    if (patch.duration !== undefined && patch.duration !== duration) throw invalid('duration', `duration ${patch.duration} does not match start and finish (${duration} seconds)`);
  } else if (patch.duration !== undefined && patch.dateFinish !== null) {
    duration = patch.duration;
    finish = new Date(start.getTime() + duration * 1000);
  } else if (patch.dateFinish === null || patch.status === 'active') {
    finish = null;
    duration = 0;
  } else if (current && current.dateFinish !== null) {
    // The start moved: the logged duration is kept and the finish follows it.
    duration = current.duration;
    finish = new Date(start.getTime() + duration * 1000);
  } else if (patch.status === 'complete') {
    // Stopping a running timer now.
    finish = now;
    duration = Math.round((now.getTime() - start.getTime()) / 1000);
    if (duration < 0) throw invalid('dateStart', 'the start is in the future');
  } else {
    finish = null;
    duration = 0;
  }
  const status = finish === null ? 'active' : 'complete';
  if (patch.status !== undefined && patch.status !== status) throw invalid('status', `status ${patch.status} does not match the times given (${status})`);
  return { dateStart: start, dateFinish: finish, duration, status };
}

@Injectable()
export class ProjectTimelogsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly actions: ProjectActionsService,
  ) {}

  async find(query: ListQuery): Promise<Page<ProjectTimelogEntity>> {
    return findPage(this.dataSource.getRepository(ProjectTimelogEntity).createQueryBuilder('l'), TIMELOG_LIST, query);
  }

  async get(id: number): Promise<ProjectTimelogEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectTimelogEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: TimelogInput, adminId: number | null): Promise<ProjectTimelogEntity> {
    this.check(input);
    let projectId = input.projectId;
    if (projectId === undefined && input.actionId != null) projectId = (await this.actions.require(input.actionId, 'actionId')).projectId;
    if (projectId === undefined) throw new DomainError(DomainErrorCode.MissingField, 'projectId is required', { entity: ENTITY, field: 'projectId' });
    await this.projects.require(projectId, 'projectId');
    if (input.actionId != null) await this.actions.require(input.actionId, 'actionId', projectId);
    if (input.ticketId != null) await this.requireTicket(input.ticketId);
    const times = settleTimes(undefined, input, new Date());
    const repo = this.dataSource.getRepository(ProjectTimelogEntity);
    const pid = projectId;
    return writeReferencing(
      () => repo.save(repo.create({ description: '', billable: true, ...defined(input), ...times, projectId: pid, assignedAdminId: input.assignedAdminId ?? adminId })),
      () => notFound('project', pid, 'projectId'),
    );
  }

  async update(id: number, patch: TimelogInput): Promise<ProjectTimelogEntity> {
    this.check(patch);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProjectTimelogEntity);
      // Held: a deletion under way makes it not found, a later one waits (saving a deleted row would insert it again).
      const row = await holdRow(tx, ProjectTimelogEntity, { id }, 'update');
      if (!row) throw notFound(ENTITY, id, 'id');
      if (patch.projectId !== undefined && patch.projectId !== row.projectId) throw invalid('projectId', 'a time log cannot move to another project');
      if (patch.actionId != null) await this.actions.require(patch.actionId, 'actionId', row.projectId, tx);
      if (patch.ticketId != null) await this.requireTicket(patch.ticketId, tx);
      const times = settleTimes(row, patch, new Date());
      return writeReferencing(() => repo.save(repo.merge(row, defined(patch), times)), () => notFound(ENTITY, id, 'id'));
    });
  }

  async delete(id: number): Promise<ProjectTimelogEntity> {
    const row = await this.get(id);
    await this.dataSource.getRepository(ProjectTimelogEntity).delete({ id });
    return row;
  }

  /** Inside a transaction (`tx`), read through it: a second pooled connection per update could starve the pool. */
  private async requireTicket(id: number, tx: EntityManager = this.dataSource.manager): Promise<void> {
    if (!(await tx.getRepository(SupportTicketEntity).existsBy({ id }))) throw notFound('ticket', id, 'ticketId');
  }

  private check(input: TimelogInput): void {
    checkText(ENTITY, 'description', input.description, 65_535);
    checkEnum(ENTITY, 'status', input.status, TIMELOG_STATUSES);
  }
}
