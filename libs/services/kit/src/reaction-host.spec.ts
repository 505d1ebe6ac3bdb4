import type { EventStore, StoredEvent } from '@bj/event-store';
import { applicationSubject, ReactionHost, type Reaction } from './reaction-host';

const event = (type: string, streamId: string): StoredEvent =>
  ({ type, streamId, eventId: `${type}-1`, streamVersion: 1, globalPosition: 1, schemaVersion: 1, data: {}, metadata: {}, recordedAt: '', prevHash: '', hash: '' }) as unknown as StoredEvent;
const reaction = (name: string, eventTypes: string[], subjectOf?: (e: StoredEvent) => string): Reaction => ({ name, eventTypes, ...(subjectOf ? { subjectOf } : {}), react: async () => undefined });

describe('ReactionHost: what orders the reactions', () => {
  const host = new ReactionHost({} as EventStore);
  host.register(reaction('opens-review', ['EmployerRecommended', 'DeclarationWithdrawn'], (e) => applicationSubject(e.streamId.replace(/^declaration-/, ''))));
  host.register(reaction('continues-review', ['DeclarationWithdrawn'], (e) => applicationSubject(e.streamId.replace(/^declaration-/, ''))));
  host.register(reaction('by-stream', ['ApplicationReturnedForCorrection']));

  it('orders an event by the subject its reactions name, once however many react', () => {
    expect(host.subjectsOf(event('DeclarationWithdrawn', 'declaration-42'))).toEqual(['application:42']);
  });

  it("orders by the event's stream when a reaction names no subject", () => {
    expect(host.subjectsOf(event('ApplicationReturnedForCorrection', 'centre-review-42'))).toEqual(['centre-review-42']);
  });

  it('leaves an event nothing reacts to unordered', () => {
    expect(host.subjectsOf(event('ScoreSubmitted', 'expert-panel-42'))).toEqual([]);
  });
});
