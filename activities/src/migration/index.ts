export * from './case-migration.activities';
export * from './migration-plan';
export * as migrationStore from './migration-store';
export { migrationEntityId, type OpenCaseRow, selectOpenCases } from './migration-store';
