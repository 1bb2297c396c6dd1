export * from './policy';
export * from './clock';
export * from './reactions';
export * from './preview';
export * from './ticket-clocks';
