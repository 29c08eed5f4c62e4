import { Module } from '@nestjs/common';
import { caseListRepository } from '../worklist/list-repositories';
import { ReviewController } from './review.controller';
import './review.openapi';
import { StalledReviewUseCase } from './stalled.use-case';

@Module({ controllers: [ReviewController], providers: [caseListRepository, StalledReviewUseCase] })
export class ReviewModule {}
