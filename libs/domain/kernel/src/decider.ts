import type { Actor } from './roles';

/**
 * A domain event as the domain sees it: its type, the version of its data's shape, and data.
 * The event store adds the envelope (ids, positions, metadata, hash chain).
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

/** What every command carries besides its own fields: who, and when (business time, injected). */
export interface CommandContext {
  readonly actor: Actor;
  /** ISO 8601 instant; the clock lives outside the domain. */
  readonly now: string;
}

/**
 * An aggregate as three pure functions (Emmett's decider): the state before any event,
 * how a command turns into events given the state (or a DomainError), and how an event
 * changes the state. No I/O, no clock, no framework.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function fold<Event extends DomainEvent, State>(decider: Pick<Decider<never, Event, State>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
}
