export * from './datasets';
export * from './measures';
export * from './query';
export * from './range';
