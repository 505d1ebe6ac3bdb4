import { ConfigError } from '../config';
import { loadDistributedConfig } from './distributed-config';
import { allEventTopics, owningPrefix, reactionDeadLetterTopic, reactionGroupId, STREAM_OWNERSHIP, topicForPrefix } from './topology';

describe('distributed topology', () => {
  it('gives every stream prefix exactly one owning service', () => {
    const all = Object.values(STREAM_OWNERSHIP).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('maps streams to topics by their owning prefix', () => {
    expect(owningPrefix('declaration-0190a000-0000-7000-8000-000000000001', STREAM_OWNERSHIP.declaration)).toBe('declaration-');
    expect(owningPrefix('centre-review-abc', STREAM_OWNERSHIP.declaration)).toBeUndefined();
    expect(owningPrefix('centre-review-abc', ['centre-', 'centre-review-'])).toBe('centre-review-');
    expect(topicForPrefix('bj', 'annual-session-')).toBe('bj.annual-session');
    expect(allEventTopics('bj')).toEqual(expect.arrayContaining(['bj.declaration', 'bj.annual-session', 'bj.centre-review', 'bj.certificate']));
    expect(reactionGroupId('bj', 'review')).toBe('bj.review.reactions');
    expect(reactionDeadLetterTopic('bj', 'review')).toBe('bj.dlq.review.reactions');
  });

  it('reads the configuration of a service process, refusing bad values by name', () => {
    expect(loadDistributedConfig('review', {})).toMatchObject({ service: 'review', topicPrefix: 'bj', ownedStreamPrefixes: STREAM_OWNERSHIP.review, relayPollMs: 250, reactionRetry: { attempts: 5 } });
    expect(loadDistributedConfig('certification', { KAFKA_TOPIC_PREFIX: 'bjtest1', OWNED_STREAM_PREFIXES: 'certificate-, notice-', REACTION_ATTEMPTS: '3' })).toMatchObject({
      topicPrefix: 'bjtest1',
      ownedStreamPrefixes: ['certificate-', 'notice-'],
      reactionRetry: { attempts: 3 },
    });
    expect(() => loadDistributedConfig('review', { KAFKA_TOPIC_PREFIX: 'bj/x' })).toThrow(ConfigError);
    expect(() => loadDistributedConfig('review', { OWNED_STREAM_PREFIXES: 'Declaration' })).toThrow(/OWNED_STREAM_PREFIXES/);
    expect(() => loadDistributedConfig('review', { REACTION_ATTEMPTS: '0' })).toThrow(/REACTION_ATTEMPTS must be a whole number/);
  });
});
