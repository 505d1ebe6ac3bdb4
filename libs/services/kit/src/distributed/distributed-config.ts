import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@bj/messaging';
import { ConfigError } from '../config';
import { DEFAULT_TOPIC_PREFIX, STREAM_OWNERSHIP, type DistributedServiceName } from './topology';

/** What one service process of the distributed mode needs beyond AppConfig (docs/distributed.md). */
export interface DistributedConfig {
  readonly service: DistributedServiceName;
  /** First segment of every topic and group: `bj` (KAFKA_TOPIC_PREFIX; tests use a fresh one per run). */
  readonly topicPrefix: string;
  /** The stream id prefixes this service publishes (OWNED_STREAM_PREFIXES, default from STREAM_OWNERSHIP). */
  readonly ownedStreamPrefixes: readonly string[];
  /** How often the relay looks for events appended by other processes (RELAY_POLL_MS, default 250). */
  readonly relayPollMs: number;
  /** Attempts of a failing reaction before its message goes to the dead-letter topic (REACTION_ATTEMPTS, default 5). */
  readonly reactionRetry: RetryPolicy;
}

const positiveInteger = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return value;
};

export function loadDistributedConfig(service: DistributedServiceName, env: NodeJS.ProcessEnv = process.env): DistributedConfig {
  const topicPrefix = env['KAFKA_TOPIC_PREFIX']?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(topicPrefix) || topicPrefix.length > 100) {
    throw new ConfigError(`KAFKA_TOPIC_PREFIX must be letters, digits, '_', '-' in dot-separated parts (at most 100 characters), got "${topicPrefix}"`);
  }
  const ownedRaw = env['OWNED_STREAM_PREFIXES'];
  const ownedStreamPrefixes =
    ownedRaw === undefined || ownedRaw.trim() === ''
      ? STREAM_OWNERSHIP[service]
      : ownedRaw
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p.length > 0);
  const bad = ownedStreamPrefixes.filter((p) => !/^[a-z0-9]+(-[a-z0-9]+)*-$/.test(p));
  if (ownedStreamPrefixes.length === 0 || bad.length > 0) {
    throw new ConfigError(`OWNED_STREAM_PREFIXES must be comma-separated stream id prefixes such as "declaration-" (lower-case words joined by '-', ending in '-'), got "${ownedRaw}"`);
  }
  return {
    service,
    topicPrefix,
    ownedStreamPrefixes,
    relayPollMs: positiveInteger(env, 'RELAY_POLL_MS', 250),
    reactionRetry: { ...DEFAULT_RETRY_POLICY, attempts: positiveInteger(env, 'REACTION_ATTEMPTS', DEFAULT_RETRY_POLICY.attempts) },
  };
}
