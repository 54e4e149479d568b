import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '@hostgate/shared/errors';
import { compiledFindOne, ProjectFileEntity } from '@hostgate/shared/persistence';
import { updateExisting, writeReferencing } from '../references';
import { safeFileName } from './file-storage';
import { FileStorageService } from './file-storage.service';
import { byProjectClient, ProjectActionsService } from './project-actions.service';
import { checkEnum, checkText, defined, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from './project-query';
import { threadsOf, THREAD_STATUSES, type Thread } from './project-topics.service';
import { CLIENT_VISIBILITIES, ProjectsService } from './projects.service';

export interface FileInput {
  readonly projectId?: number;
  readonly actionId?: number | null;
  readonly parentId?: number | null;
  readonly label?: string;
  readonly description?: string;
  readonly status?: string;
  readonly clientVisibility?: string;
  readonly ownerAdminId?: number | null;
}

export interface FileUpload {
  readonly fileName: string;
  readonly mimeType?: string;
  readonly bytes: Buffer;
}

export interface FileDownload {
  readonly file: ProjectFileEntity;
  readonly bytes: Buffer;
}

const ENTITY = 'file';
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

export const FILE_LIST: ListSpec = {
  alias: 'f',
  columns: ['id', 'projectId', 'actionId', 'parentId', 'label', 'fileName', 'mimeType', 'size', 'status', 'clientVisibility', 'ownerAdminId', 'dateCreated', 'dateModified'],
  virtual: { clientId: byProjectClient('f') },
  defaultSort: ['id', 'ASC'],
};

/** Project files: metadata in the database, bytes in the storage provider under a generated key. */
@Injectable()
export class ProjectFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly actions: ProjectActionsService,
    private readonly storage: FileStorageService,
  ) {}

  get maxBytes(): number {
    return this.storage.maxBytes;
  }

  async find(query: ListQuery): Promise<Page<ProjectFileEntity>> {
    return findPage(this.dataSource.getRepository(ProjectFileEntity).createQueryBuilder('f'), FILE_LIST, query);
  }

  async threads(query: ListQuery): Promise<Page<Thread<ProjectFileEntity>>> {
    const page = await this.find({ ...query, filters: [...query.filters.filter((f) => f.field !== 'parentId'), { field: 'parentId', op: 'eq', value: null }] });
    return { total: page.total, rows: await threadsOf(this.dataSource, ProjectFileEntity, page.rows) };
  }

  async get(id: number): Promise<ProjectFileEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(ProjectFileEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async download(id: number): Promise<FileDownload> {
    const file = await this.get(id);
    const bytes = await this.storage.read(file.storageKey);
    if (!bytes) throw new DomainError(DomainErrorCode.NotFound, `the content of file ${id} is missing`, { entity: ENTITY, field: 'id', value: String(id) });
    return { file, bytes };
  }

  async create(input: FileInput, upload: FileUpload | undefined, adminId: number | null): Promise<ProjectFileEntity> {
    if (!upload) throw new DomainError(DomainErrorCode.MissingField, 'file is required', { entity: ENTITY, field: 'file' });
    this.storage.checkSize(upload.bytes.length);
    const repo = this.dataSource.getRepository(ProjectFileEntity);
    let projectId = input.projectId;
    let parentId: number | null = null;
    if (input.parentId != null) {
      const parent = await compiledFindOne(repo, { id: input.parentId });
      if (!parent) throw notFound(ENTITY, input.parentId, 'parentId');
      if (projectId !== undefined && projectId !== parent.projectId) {
        throw new DomainError(DomainErrorCode.InvalidField, `file ${parent.id} is not part of project ${projectId}`, { entity: ENTITY, field: 'parentId', value: String(parent.id) });
      }
      projectId = parent.projectId;
      parentId = parent.parentId ?? parent.id;
    }
    projectId = required(ENTITY, 'projectId', projectId);
    this.check(input);
    const mimeType = upload.mimeType && MIME.test(upload.mimeType) ? upload.mimeType.toLowerCase() : 'application/octet-stream';
    await this.projects.require(projectId, 'projectId');
    if (input.actionId != null) await this.actions.require(input.actionId, 'actionId', projectId);
    const fileName = safeFileName(upload.fileName);
    const storageKey = await this.storage.store(upload.bytes);
    try {
      return await writeReferencing(
        () =>
          repo.save(
            repo.create({
              description: '',
              status: 'open',
              clientVisibility: 'inherit',
              ...defined(input),
              label: input.label?.trim() || fileName,
              projectId,
              parentId,
              fileName,
              mimeType,
              size: upload.bytes.length,
              sha256: createHash('sha256').update(upload.bytes).digest('hex'),
              storageKey,
              ownerAdminId: input.ownerAdminId ?? adminId,
            }),
          ),
        () => notFound('project', projectId, 'projectId'),
      );
    } catch (e) {
      await this.storage.discard([storageKey]);
      throw e;
    }
  }

  async update(id: number, patch: FileInput): Promise<ProjectFileEntity> {
    this.check(patch);
    if (patch.label !== undefined) required(ENTITY, 'label', patch.label.trim());
    const row = await this.get(id);
    if ((patch.projectId !== undefined && patch.projectId !== row.projectId) || (patch.parentId !== undefined && patch.parentId !== row.parentId)) {
      throw new DomainError(DomainErrorCode.InvalidField, 'a file cannot move to another project or thread', { entity: ENTITY, field: patch.projectId !== undefined ? 'projectId' : 'parentId' });
    }
    if (patch.actionId != null) await this.actions.require(patch.actionId, 'actionId', row.projectId);
    return writeReferencing(() => updateExisting<ProjectFileEntity>(this.dataSource, ProjectFileEntity, row.id, defined(patch), () => notFound(ENTITY, id, 'id')), () => notFound(ENTITY, id, 'id'));
  }

  /** Removes the file (and later versions in its thread) and then their bytes. */
  async delete(id: number): Promise<ProjectFileEntity> {
    const row = await this.get(id);
    const keys = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProjectFileEntity);
      const versions = await repo.find({ where: { parentId: id }, select: { storageKey: true } });
      await repo.delete({ id });
      return [row.storageKey, ...versions.map((v) => v.storageKey)];
    });
    await this.storage.discard(keys);
    return row;
  }

  private check(input: FileInput): void {
    checkText(ENTITY, 'label', input.label, 255);
    checkText(ENTITY, 'description', input.description, 65_535);
    checkEnum(ENTITY, 'status', input.status, THREAD_STATUSES);
    checkEnum(ENTITY, 'clientVisibility', input.clientVisibility, CLIENT_VISIBILITIES);
  }
}
