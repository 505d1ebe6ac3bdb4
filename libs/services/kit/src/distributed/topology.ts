/**
 * Who owns which event streams in distributed mode, and the Kafka names derived from it.
 *
 * Every service appends to the one shared PostgreSQL log, but only the owner of a stream
 * publishes its events to Kafka (its outbox relay), so each event is published by exactly one
 * process. Ownership is by stream id prefix; the topic of a stream is `<topicPrefix>.<category>`
 * where the category is the owning prefix without its trailing '-' (docs/distributed.md):
 *
 *   declaration-<id>          → bj.declaration
 *   annual-session-<year>     → bj.annual-session
 *   centre-review-<id>        → bj.centre-review        …
 */
export const DISTRIBUTED_SERVICES = ['declaration', 'review', 'certification'] as const;
export type DistributedServiceName = (typeof DISTRIBUTED_SERVICES)[number];

export const isDistributedServiceName = (value: string): value is DistributedServiceName =>
  (DISTRIBUTED_SERVICES as readonly string[]).includes(value);

/** The stream id prefixes each service writes (and therefore publishes). Add a prefix here when a service starts writing a new kind of stream. */
export const STREAM_OWNERSHIP: Readonly<Record<DistributedServiceName, readonly string[]>> = {
  // 申报, 单位推荐
  declaration: ['declaration-'],
  // 评审机构审核, 专家评议, 评委会表决, 结果公示
  review: ['annual-session-', 'centre-review-', 'expert-panel-', 'committee-meeting-', 'session-results-'],
  // 证书
  certification: ['certificate-'],
};

export const DEFAULT_TOPIC_PREFIX = 'bj';

/** The owning prefix of a stream among `prefixes` (the longest that matches), or undefined. */
export function owningPrefix(streamId: string, prefixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const prefix of prefixes) {
    if (streamId.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best;
}

/** `declaration-` → `declaration`. */
export const categoryOfPrefix = (prefix: string): string => prefix.replace(/-+$/, '');

/** `bj` + `declaration-` → `bj.declaration`. */
export const topicForPrefix = (topicPrefix: string, streamPrefix: string): string => `${topicPrefix}.${categoryOfPrefix(streamPrefix)}`;

/** Every topic of every service: a reaction consumer follows them all, as the embedded mode's reactions see every event. */
export function allEventTopics(topicPrefix: string, ownership: Readonly<Record<string, readonly string[]>> = STREAM_OWNERSHIP): string[] {
  return [...new Set(Object.values(ownership).flatMap((prefixes) => prefixes.map((p) => topicForPrefix(topicPrefix, p))))].sort();
}

/** The consumer group of a service's reactions: `bj.review.reactions`. */
export const reactionGroupId = (topicPrefix: string, service: string): string => `${topicPrefix}.${service}.reactions`;

/** Its dead-letter topic: `bj.dlq.review.reactions`. */
export const reactionDeadLetterTopic = (topicPrefix: string, service: string): string => `${topicPrefix}.dlq.${service}.reactions`;

/** The durable checkpoint of a service's relay in the event store: `relay:review`. */
export const relayCheckpointName = (service: string): string => `relay:${service}`;
