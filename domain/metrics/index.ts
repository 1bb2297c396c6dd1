export * from './charts';
export * from './dashboards';
export * from './datasets';
export * from './drill-down';
export * from './measures';
export * from './query';
export * from './range';
