export * from './macro';
export * from './plan';
