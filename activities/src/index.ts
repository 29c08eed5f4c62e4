export * from './activity-failures';
export * from './case-activities';
export * from './deadlines/deadline.service';
export * from './procedures/project-procedure.activity';
