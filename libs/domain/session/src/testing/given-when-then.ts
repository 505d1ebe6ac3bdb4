// Given/when/then for deciders: given past events, when a command, then the new events or a refusal.
import { DomainError, fold, type Decider, type DomainEvent } from '@bj/kernel';

export interface Scenario<Command, Event extends DomainEvent, State> {
  when(command: Command): Outcome<Event, State>;
}

export interface Outcome<Event extends DomainEvent, State> {
  /** Asserts the exact events decided, and returns them with the state after them. */
  then(expected: readonly Event[]): { events: Event[]; state: State };
  /** Asserts the events decided match (partially, as expect.objectContaining would), and returns them. */
  thenMatches(expected: readonly unknown[]): { events: Event[]; state: State };
  /** Asserts a DomainError with this code (no events); returns it for more checks. */
  thenThrows(code: string): DomainError;
}

export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return function given(history: readonly Event[]): Scenario<Command, Event, State> {
    const before = fold(decider, history);
    return {
      when(command: Command) {
        const run = (): Event[] => decider.decide(command, before);
        const after = (events: Event[]) => ({ events, state: events.reduce(decider.evolve, before) });
        return {
          then(expected) {
            const events = run();
            expect(events).toEqual(expected);
            return after(events);
          },
          thenMatches(expected) {
            const events = run();
            expect(events).toHaveLength(expected.length);
            expected.forEach((x, i) => expect(events[i]).toMatchObject(x as object));
            return after(events);
          },
          thenThrows(code) {
            let decided: Event[] | undefined;
            let error: unknown;
            try {
              decided = run();
            } catch (e) {
              error = e;
            }
            expect(decided).toBeUndefined();
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe(code);
            return error as DomainError;
          },
        };
      },
    };
  };
}
