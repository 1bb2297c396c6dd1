export * from './kinds';
export * from './mentions';
export * from './ticket-notifications';
