import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import {
  ClientEntity,
  compiledFindOne,
  ProjectActionEntity,
  ProjectEntity,
  ProjectFileEntity,
  ProjectTicketXrefEntity,
  ProjectTimelogEntity,
  ProjectTopicEntity,
  ServiceEntity,
} from '@hostgate/shared/persistence';
import { holdRow, writeReferencing } from '../references';
import { FileStorageService } from './file-storage.service';
import { checkEnum, checkRange, checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from './project-query';

export const CLIENT_VISIBILITIES = ['hidden', 'visible', 'view', 'modify', 'inherit'] as const;

export interface ProjectInput {
  readonly clientId?: number;
  readonly clientHostingId?: number | null;
  readonly name?: string;
  readonly type?: string;
  readonly status?: string;
  readonly description?: string;
  readonly ownerAdminId?: number | null;
  readonly managerAdminId?: number | null;
  readonly invoiceId?: number | null;
  readonly clientVisibility?: string;
  readonly dateStart?: Date | null;
  readonly dateFinish?: Date | null;
  readonly dateActivity?: Date | null;
}

/** What deleting a project removed with it. */
export interface ProjectRemoval {
  readonly project: ProjectEntity;
  readonly removed: { readonly actions: number; readonly topics: number; readonly files: number; readonly ticketxrefs: number; readonly timelogs: number };
}

const ENTITY = 'project';

export const PROJECT_LIST: ListSpec = {
  alias: 'p',
  columns: ['id', 'clientId', 'clientHostingId', 'name', 'type', 'status', 'ownerAdminId', 'managerAdminId', 'invoiceId', 'clientVisibility', 'dateStart', 'dateFinish', 'dateActivity', 'dateCreated', 'dateModified'],
  defaultSort: ['id', 'ASC'],
};

/**
 * Projects of billing clients. Deleting a project removes everything under it (actions, topics,
 * files with their bytes, ticket links, time logs) in one transaction; the tickets themselves stay
 * with the client.
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileStorageService,
  ) {}

  async find(query: ListQuery): Promise<Page<ProjectEntity>> {
    return findPage(this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p'), PROJECT_LIST, query);
  }

  async get(id: number): Promise<ProjectEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: ProjectInput, adminId: number | null): Promise<ProjectEntity> {
    const clientId = required(ENTITY, 'clientId', input.clientId);
    required(ENTITY, 'name', input.name?.trim());
    this.check(input);
    await this.checkClient(clientId, input.clientHostingId ?? null);
    const repo = this.dataSource.getRepository(ProjectEntity);
    return writeReferencing(
      () => repo.save(repo.create({ status: 'active', type: '', description: '', clientVisibility: 'hidden', ...defined(input), ownerAdminId: input.ownerAdminId ?? adminId })),
      () => notFound('client', clientId, 'clientId'),
    );
  }

  async update(id: number, patch: ProjectInput): Promise<ProjectEntity> {
    this.check(patch);
    if (patch.name !== undefined) required(ENTITY, 'name', patch.name.trim());
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProjectEntity);
      // Held: a deletion under way makes it not found, a later one waits (saving a deleted row would insert it again).
      const row = await holdRow(tx, ProjectEntity, { id }, 'update');
      if (!row) throw notFound(ENTITY, id, 'id');
      const next = { ...row, ...defined(patch) };
      checkRange(ENTITY, next.dateStart, next.dateFinish);
      if (patch.clientId !== undefined || patch.clientHostingId !== undefined) await this.checkClient(next.clientId, next.clientHostingId, tx);
      return writeReferencing(() => repo.save(repo.merge(row, defined(patch))), () => notFound('client', next.clientId, 'clientId'));
    });
  }

  async delete(id: number): Promise<ProjectRemoval> {
    const { removal, keys } = await this.dataSource.transaction(async (tx) => {
      const project = await compiledFindOne(tx.getRepository(ProjectEntity), { id });
      if (!project) throw notFound(ENTITY, id, 'id');
      const count = (entity: new () => object) => tx.getRepository(entity).countBy({ projectId: id });
      const removed = {
        actions: await count(ProjectActionEntity),
        topics: await count(ProjectTopicEntity),
        files: await count(ProjectFileEntity),
        ticketxrefs: await count(ProjectTicketXrefEntity),
        timelogs: await count(ProjectTimelogEntity),
      };
      const fileKeys = (await tx.getRepository(ProjectFileEntity).find({ where: { projectId: id }, select: { storageKey: true } })).map((f) => f.storageKey);
      // The foreign keys cascade: one statement removes every child row.
      await tx.getRepository(ProjectEntity).delete({ id });
      return { removal: { project, removed }, keys: fileKeys };
    });
    await this.files.discard(keys);
    return removal;
  }

  /** The project, or NotFound naming the field that referred to it. */
  async require(id: number, field: string, tx?: EntityManager): Promise<ProjectEntity> {
    const row = await compiledFindOne((tx ?? this.dataSource.manager).getRepository(ProjectEntity), { id });
    if (!row) throw notFound(ENTITY, id, field);
    return row;
  }

  private check(input: ProjectInput): void {
    checkText(ENTITY, 'name', input.name, 255);
    checkText(ENTITY, 'type', input.type, 64);
    checkText(ENTITY, 'status', input.status, 32);
    checkText(ENTITY, 'description', input.description, 65_535);
    checkEnum(ENTITY, 'clientVisibility', input.clientVisibility, CLIENT_VISIBILITIES);
    checkRange(ENTITY, input.dateStart, input.dateFinish);
  }

  private async checkClient(clientId: number, hostingId: number | null, tx?: EntityManager): Promise<void> {
    const m = tx ?? this.dataSource.manager;
    if (!(await m.getRepository(ClientEntity).existsBy({ id: clientId }))) throw notFound('client', clientId, 'clientId');
    if (hostingId !== null && !(await m.getRepository(ServiceEntity).existsBy({ id: hostingId, clientId }))) {
      throw new DomainError(DomainErrorCode.InvalidField, `service ${hostingId} is not a service of client ${clientId}`, { entity: ENTITY, field: 'clientHostingId', value: String(hostingId) });
    }
  }
}
