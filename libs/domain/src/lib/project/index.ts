import { type Provider } from '@nestjs/common';
import { FILE_STORAGE_PROVIDERS, FileStorageService } from './file-storage.service';
import { ProjectActionsService } from './project-actions.service';
import { ProjectFilesService } from './project-files.service';
import { ProjectTicketXrefsService } from './project-ticket-xrefs.service';
import { ProjectTimelogsService } from './project-timelogs.service';
import { ProjectTopicsService } from './project-topics.service';
import { ProjectsService } from './projects.service';

export * from './file-storage';
export * from './file-storage.service';
export * from './project-actions.service';
export * from './project-files.service';
export * from './project-query';
export * from './project-ticket-xrefs.service';
export * from './project-timelogs.service';
export * from './project-topics.service';
export * from './projects.service';

/** Projects, actions, topics, files, ticket links and time logs (the project dialect's domain). */
export const PROJECT_DOMAIN_PROVIDERS: Provider[] = [
  ...FILE_STORAGE_PROVIDERS,
  FileStorageService,
  ProjectsService,
  ProjectActionsService,
  ProjectTopicsService,
  ProjectFilesService,
  ProjectTicketXrefsService,
  ProjectTimelogsService,
];
