export * from './case-list.repository';
export * from './keyset';
export * from './inbox.repository';
export * from './sql-builder';
export * from '../statistics/statistics.repository';
export * from './reassignment.repository';
