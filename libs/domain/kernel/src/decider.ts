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

/**
 * The decider that takes several commands in turn, each decided on the state the events of the
 * ones before it made. Their events are appended together, in one append, or (when one of them
 * is refused) none of them is.
 */
export function inTurn<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>): Decider<readonly Command[], Event, State> {
  return {
    initialState: () => decider.initialState(),
    evolve: (state, event) => decider.evolve(state, event),
    decide(commands, state) {
      const events: Event[] = [];
      let current = state;
      for (const command of commands) {
        const decided = decider.decide(command, current);
        events.push(...decided);
        current = decided.reduce((s, e) => decider.evolve(s, e), current);
      }
      return events;
    },
  };
}

/**
 * Every type of a union of events, as a list the compiler holds complete: each type must be a
 * key of `members`, and nothing else may be. (What a read model names as the events it reads.)
 */
export function eventTypesOf<Type extends string>(members: Record<Type, true>): readonly Type[] {
  return Object.freeze(Object.keys(members) as Type[]);
}
