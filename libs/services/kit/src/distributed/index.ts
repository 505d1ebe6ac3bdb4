export * from './topology';
export * from './distributed-config';
export * from './outbox-relay';
export * from './kafka-reactions';
export * from './create-service-app';
export * from './serve';
