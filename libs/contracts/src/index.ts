export * from './case-activities.contract';
export * from './failures';
export * from './projection.dto';
export * from './rectification.contract';
export * from './search-attributes';
export * from './case-workflow.contract';
export * from './procedure-activities.contract';
export * from './procedure-workflow.contract';
