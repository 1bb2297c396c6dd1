export * from './actions';
export * from './conditions';
export * from './rule';
export * from './rule-events';
export * from './time-triggers';
export * from './firing';
export * from './facts';
export * from './assignment-directory';
