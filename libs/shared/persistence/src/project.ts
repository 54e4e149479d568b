export * from './lib/entities/project/project-action.entity';
export * from './lib/entities/project/project-file.entity';
export * from './lib/entities/project/project-ticket-xref.entity';
export * from './lib/entities/project/project-timelog.entity';
export * from './lib/entities/project/project-topic.entity';
export * from './lib/entities/project/project.entity';
export * from './lib/entities/support/support-ticket.entity';
