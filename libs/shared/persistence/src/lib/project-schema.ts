import { type MigrationInterface } from 'typeorm';
import { ProjectActionEntity } from './entities/project/project-action.entity';
import { ProjectFileEntity } from './entities/project/project-file.entity';
import { ProjectTicketXrefEntity } from './entities/project/project-ticket-xref.entity';
import { ProjectTimelogEntity } from './entities/project/project-timelog.entity';
import { ProjectTopicEntity } from './entities/project/project-topic.entity';
import { ProjectEntity } from './entities/project/project.entity';
import { SupportTicketEntity } from './entities/support/support-ticket.entity';
import { ProjectSupport1763930000000 } from './migrations/1763930000000-project-support';

/** Support tickets and the project dialect's tables: entity classes and the migrations that create them, oldest first. */
export const PROJECT_ENTITIES: Array<new () => object> = [SupportTicketEntity, ProjectEntity, ProjectActionEntity, ProjectTopicEntity, ProjectFileEntity, ProjectTicketXrefEntity, ProjectTimelogEntity];
export const PROJECT_MIGRATIONS: Array<new () => MigrationInterface> = [ProjectSupport1763930000000];
