export * from './shared';
export * from './conflicts';
export * from './annual-session';
export * from './centre-review';
export * from './expert-panel';
export * from './committee-meeting';
export * from './meeting-audit';
export * from './results-notice';
