export * from './status';
export * from './state';
export * from './events';
export * from './commands';
export * from './new-work-order';
export * from './failures';
