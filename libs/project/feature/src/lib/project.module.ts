import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { type DialectRegistration } from '@hostgate/shared/platform';
import { ProjectApiController } from './api/project-api.controller';
import { augmentProjectDocument } from './api/project-openapi';
import { ProjectRoutes } from './api/project-routes';
import { projectErrorRenderer } from './project-error.renderer';

@Module({ imports: [DomainModule], controllers: [ProjectApiController], providers: [ProjectRoutes] })
export class ProjectModule {}

export const projectDialect: DialectRegistration = {
  name: 'project',
  prefix: 'project',
  module: ProjectModule,
  renderer: projectErrorRenderer,
  openApi: {
    title: 'Hostgate project API (wbTeamPro-compatible)',
    description: 'wbTeamPro Remote API dialect: /project/api.php/v1/{resource chain}/{json|xml} with username and MD5 password.',
    version: '1.0.0',
    augment: augmentProjectDocument,
  },
};
