export * from './cases/case-event.entity';
export * from './cases/case.entity';
export * from './cases/case.repository';
export * from './cases/event-hash';
export * from './data-source';
export * from './database-admin';
