import { CaseListRepository, InboxRepository, StatisticsRepository } from '@anjian/persistence';
import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';

/** The list repositories over the shared data source (each list module provides the ones it uses). */
export const caseListRepository: Provider = {
  provide: CaseListRepository,
  useFactory: (db: DataSource) => new CaseListRepository(db),
  inject: [DATA_SOURCE],
};
export const inboxRepository: Provider = {
  provide: InboxRepository,
  useFactory: (db: DataSource) => new InboxRepository(db),
  inject: [DATA_SOURCE],
};
export const statisticsRepository: Provider = {
  provide: StatisticsRepository,
  useFactory: (db: DataSource) => new StatisticsRepository(db),
  inject: [DATA_SOURCE],
};
