export * from './declaration.events';
export * from './declaration.state';
export * from './declaration.decider';
