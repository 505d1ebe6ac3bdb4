export * from './audited-event';
export * from './application-events';
export * from './application-trail';
export * from './point-in-time';
export * from './session-audit';
