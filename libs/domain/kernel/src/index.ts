export * from './codes';
export * from './roles';
export * from './errors';
export * from './decider';
export * from './dates';
export * from './working-days';
export * from './text';
export * from './parse';
