export * from './calendar';
export * from './business-time';
