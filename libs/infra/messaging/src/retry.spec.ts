import { backoffDelayMs } from './retry';
import { kafkaBusOptionsFromEnv } from './kafka-config';
import { InvalidMessagingInputError } from './errors';
import { logLevel } from 'kafkajs';

describe('backoffDelayMs', () => {
  it('doubles from the initial backoff after each failed attempt and stops at the maximum', () => {
    const policy = { attempts: 6, initialBackoffMs: 100, maxBackoffMs: 500 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(policy, attempt))).toEqual([100, 200, 400, 500, 500]);
  });
});

describe('kafkaBusOptionsFromEnv', () => {
  it('defaults to the development broker of infra/kafka/start.sh', () => {
    expect(kafkaBusOptionsFromEnv({})).toEqual({ brokers: ['127.0.0.1:19092'], clientId: 'bj-ai-title', logLevel: logLevel.ERROR });
  });

  it('reads KAFKA_BROKERS, KAFKA_CLIENT_ID and KAFKA_LOG_LEVEL', () => {
    expect(kafkaBusOptionsFromEnv({ KAFKA_BROKERS: ' kafka-1:9092, kafka-2:9092 ', KAFKA_CLIENT_ID: 'review-service', KAFKA_LOG_LEVEL: 'warn' })).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'review-service',
      logLevel: logLevel.WARN,
    });
  });

  it('names the variable and the reason for a bad value', () => {
    expect(() => kafkaBusOptionsFromEnv({ KAFKA_BROKERS: 'kafka-1', KAFKA_LOG_LEVEL: 'LOUD' })).toThrow(InvalidMessagingInputError);
    expect(() => kafkaBusOptionsFromEnv({ KAFKA_BROKERS: 'kafka-1' })).toThrow('KAFKA_BROKERS: "kafka-1" is not host:port');
    expect(() => kafkaBusOptionsFromEnv({ KAFKA_LOG_LEVEL: 'LOUD' })).toThrow('KAFKA_LOG_LEVEL: must be one of NOTHING, ERROR, WARN, INFO, DEBUG');
  });
});
