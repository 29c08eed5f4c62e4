export * from './case-activities.contract';
export * from './failures';
export * from './projection.dto';
export * from './rectification.contract';
export * from './search-attributes';
