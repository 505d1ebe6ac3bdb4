import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '6f1d7a52-2b8e-4c1e-9a57-6d0f3c1b9e21';

/**
 * Event ids for the events a reaction appends, derived from the event that caused them: a
 * redelivered cause yields the same ids, and the store's idempotent append stores them once.
 */
export function reactionEventIds(causeEventId: string, reaction: string, count = 4): string[] {
  return Array.from({ length: count }, (_, i) => uuidv5(`${causeEventId}/${reaction}/${i}`, NAMESPACE));
}
