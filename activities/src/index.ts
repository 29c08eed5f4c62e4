export * from './case-activities';
export * from './deadlines/deadline.service';
