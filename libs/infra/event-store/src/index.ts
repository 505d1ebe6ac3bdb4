export * from './event-store.port';
export * from './errors';
export * from './canonical-json';
export * from './hash-chain';
export * from './sqlite-event-store';
export * from './postgres-event-store';
export * from './subscription';
export * from './contract';
