import { logLevel as KafkaLogLevel } from 'kafkajs';
import { InvalidMessagingInputError } from './errors';

/** The broker that infra/kafka/start.sh runs for development and CI. */
export const DEFAULT_KAFKA_BROKERS = ['127.0.0.1:19092'];

export interface KafkaBusOptions {
  /** host:port of the bootstrap brokers. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** kafkajs's own log level (default ERROR: rebalances and retries are logged at INFO/WARN). */
  readonly logLevel?: KafkaLogLevel;
  /** Partitions of the topics that ensureTopics() creates (default 3). */
  readonly partitions?: number;
  /** Whether consumers create their topics and dead-letter topic when they start (default true). */
  readonly createTopics?: boolean;
  /** How long start() waits for a consumer to join its group (default 30 000 ms). */
  readonly joinTimeoutMs?: number;
  readonly connectionTimeoutMs?: number;
}

const LOG_LEVELS: Record<string, KafkaLogLevel> = {
  NOTHING: KafkaLogLevel.NOTHING,
  ERROR: KafkaLogLevel.ERROR,
  WARN: KafkaLogLevel.WARN,
  INFO: KafkaLogLevel.INFO,
  DEBUG: KafkaLogLevel.DEBUG,
};

/**
 * Reads KAFKA_BROKERS (comma-separated host:port, default 127.0.0.1:19092), KAFKA_CLIENT_ID
 * (default bj-ai-title) and KAFKA_LOG_LEVEL (NOTHING|ERROR|WARN|INFO|DEBUG, default ERROR).
 */
export function kafkaBusOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): KafkaBusOptions {
  const brokers = (env['KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const problems = brokers
    .filter((b) => !/^[^\s:]+:\d{1,5}$/.test(b))
    .map((b) => ({ path: 'KAFKA_BROKERS', message: `"${b}" is not host:port` }));
  const levelName = (env['KAFKA_LOG_LEVEL'] ?? 'ERROR').toUpperCase();
  const level = LOG_LEVELS[levelName];
  if (level === undefined) {
    problems.push({ path: 'KAFKA_LOG_LEVEL', message: `must be one of ${Object.keys(LOG_LEVELS).join(', ')}` });
  }
  if (problems.length > 0) throw new InvalidMessagingInputError('configuration', problems);
  return {
    brokers: brokers.length > 0 ? brokers : DEFAULT_KAFKA_BROKERS,
    clientId: env['KAFKA_CLIENT_ID']?.trim() || 'bj-ai-title',
    logLevel: level,
  };
}
