import { Module } from '@nestjs/common';
import { inboxRepository } from '../worklist/list-repositories';
import { NotificationsController } from './notifications.controller';
import './notifications.openapi';
import { NotificationsUseCase } from './notifications.use-case';

@Module({ controllers: [NotificationsController], providers: [inboxRepository, NotificationsUseCase] })
export class NotificationsModule {}
