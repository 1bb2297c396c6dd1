export * from './definitions';
export * from './values';
export * from './solve-requirements';
