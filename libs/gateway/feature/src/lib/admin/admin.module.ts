import { Module } from '@nestjs/common';
import { DomainModule } from '@hostgate/domain';
import { AdminController } from './admin.controller';

@Module({ imports: [DomainModule], controllers: [AdminController] })
export class AdminModule {}
