export * from './formula-safe';
export * from './list-defaults';
export * from './time-left';
export * from './visibility-scope';
export * from './statistics-period';
export * from './reassignment';
