export * from './token-issuer';
export * from './dev-keys';
export * from './demo-users';
