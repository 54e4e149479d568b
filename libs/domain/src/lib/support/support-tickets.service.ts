import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClientEntity, compiledFindOne, SUPPORT_TICKET_PRIORITIES, SUPPORT_TICKET_STATUSES, SupportTicketEntity } from '@hostgate/shared/persistence';
import { checkEnum, checkText, findPage, type ListQuery, type ListSpec, notFound, type Page, required } from '../project/project-query';
import { isUniqueConstraint, writeReferencing } from '../references';

export interface TicketInput {
  readonly clientId?: number;
  readonly department?: string;
  readonly subject?: string;
  readonly message?: string;
  readonly status?: string;
  readonly priority?: string;
}

const ENTITY = 'ticket';

/** Tickets linked to a project (or one of its actions) through project_ticket_xrefs. */
const throughXref = (column: 'project_id' | 'action_id') => (value: unknown, param: string) => ({
  sql: `k.id IN (SELECT x.ticket_id FROM project_ticket_xrefs x WHERE x.${column} = :${param})`,
  params: { [param]: value },
});

export const TICKET_LIST: ListSpec = {
  alias: 'k',
  columns: ['id', 'tid', 'clientId', 'department', 'subject', 'status', 'priority', 'dateCreated', 'dateModified'],
  virtual: { projectId: throughXref('project_id'), actionId: throughXref('action_id') },
  defaultSort: ['id', 'ASC'],
};

/**
 * Support tickets of billing clients, in the shared domain so every dialect sees the same tickets
 * (the project dialect lists and links them; the billing dialect can expose them too).
 */
@Injectable()
export class SupportTicketsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(query: ListQuery): Promise<Page<SupportTicketEntity>> {
    return findPage(this.dataSource.getRepository(SupportTicketEntity).createQueryBuilder('k'), TICKET_LIST, query);
  }

  async get(id: number): Promise<SupportTicketEntity> {
    const row = await compiledFindOne(this.dataSource.getRepository(SupportTicketEntity), { id });
    if (!row) throw notFound(ENTITY, id, 'id');
    return row;
  }

  async create(input: TicketInput): Promise<SupportTicketEntity> {
    const clientId = required(ENTITY, 'clientId', input.clientId);
    required(ENTITY, 'subject', input.subject?.trim());
    checkText(ENTITY, 'subject', input.subject, 255);
    checkText(ENTITY, 'department', input.department, 128);
    checkEnum(ENTITY, 'status', input.status, SUPPORT_TICKET_STATUSES);
    checkEnum(ENTITY, 'priority', input.priority, SUPPORT_TICKET_PRIORITIES);
    if (!(await this.dataSource.getRepository(ClientEntity).existsBy({ id: clientId }))) throw notFound('client', clientId, 'clientId');
    const repo = this.dataSource.getRepository(SupportTicketEntity);
    // WHMCS ticket numbers are six random digits; a clash (unique index) draws again.
    for (let attempt = 0; ; attempt++) {
      try {
        return await writeReferencing(
          () => repo.save(repo.create({ department: 'Support', message: '', status: 'Open', priority: 'Medium', ...input, clientId, tid: String(randomInt(100000, 1000000)) })),
          () => notFound('client', clientId, 'clientId'),
        );
      } catch (e) {
        if (!isUniqueConstraint(e) || attempt >= 5) throw e;
      }
    }
  }
}
