export * from './activity-failures';
export * from './case-activities';
export * from './deadlines/deadline.service';
export * from './migration';
export * from './procedures/project-procedure.activity';
