export * from './status';
export * from './events';
export * from './state';
export * from './commands';
export * from './new-ticket';
export * from './failures';
export * from './mailed-replies';
export * from './workflow-options';
