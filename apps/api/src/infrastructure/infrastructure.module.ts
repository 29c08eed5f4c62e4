import { DeadlineService } from '@anjian/activities';
import type { Env } from '@anjian/config';
import { CalendarRepository, CaseRepository, PolicyVersionRepository } from '@anjian/persistence';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, ENV, LOGGER, TEMPORAL_CLIENT } from './tokens';

export interface Infrastructure {
  env: Env;
  db: DataSource;
  temporal: Client;
  log: Logger;
}

/**
 * Connections are made by the caller (main.ts, or a test) and handed in, so that the same module
 * runs against the dev stack, a test stack, or a cluster without knowing which; the caller closes them.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static with(infra: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: ENV, useValue: infra.env },
        { provide: DATA_SOURCE, useValue: infra.db },
        { provide: TEMPORAL_CLIENT, useValue: infra.temporal },
        { provide: LOGGER, useValue: infra.log },
        {
          provide: CaseRepository,
          useFactory: (db: DataSource) => new CaseRepository(db, infra.env.EVENT_CHAIN_KEY),
          inject: [DATA_SOURCE],
        },
        { provide: PolicyVersionRepository, useFactory: (db: DataSource) => new PolicyVersionRepository(db), inject: [DATA_SOURCE] },
        { provide: CalendarRepository, useFactory: (db: DataSource) => new CalendarRepository(db), inject: [DATA_SOURCE] },
        // The same service the worker arms deadlines with, so the calculator and previews agree with cases.
        {
          provide: DeadlineService,
          useFactory: (policies: PolicyVersionRepository, calendars: CalendarRepository) => new DeadlineService(policies, calendars),
          inject: [PolicyVersionRepository, CalendarRepository],
        },
      ],
      exports: [ENV, DATA_SOURCE, TEMPORAL_CLIENT, LOGGER, CaseRepository, PolicyVersionRepository, CalendarRepository, DeadlineService],
    };
  }
}
