export * from './check-character';
export * from './certificate-number';
export * from './certificate-content';
export * from './signed-payload';
export * from './certificate.decider';
export * from './verification';
