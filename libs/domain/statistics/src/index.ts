export * from './application-ledger';
export * from './annual-report';
export * from './commentary';
