import { Kafka, logLevel } from 'kafkajs';
import { describeMessagingContract } from './contract';
import { KafkaBus } from './kafka-bus';
import { kafkaBusOptionsFromEnv } from './kafka-config';

// Runs against the broker of `bash infra/kafka/start.sh` (or KAFKA_BROKERS); fails, never skips, without it.
const options = { ...kafkaBusOptionsFromEnv(), clientId: 'bj-messaging-contract' };

async function assertBrokerReachable(): Promise<void> {
  const admin = new Kafka({
    clientId: 'bj-messaging-contract-probe',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 1 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(
      `Kafka broker not reachable at ${options.brokers.join(',')} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it with `bash infra/kafka/start.sh`, or point KAFKA_BROKERS at a running broker.',
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describeMessagingContract('KafkaBus', async () => {
  await assertBrokerReachable();
  const bus = new KafkaBus(options);
  return { bus, settleMs: 1500, dispose: () => bus.close() };
});
