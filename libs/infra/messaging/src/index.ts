export * from './messaging.port';
export * from './errors';
export { assertValidMessages, assertValidSubscription } from './validation';
export { backoffDelayMs } from './retry';
export { InProcessBus, type InProcessBusOptions } from './in-process-bus';
export { KafkaBus } from './kafka-bus';
export { DEFAULT_KAFKA_BROKERS, kafkaBusOptionsFromEnv, type KafkaBusOptions } from './kafka-config';
